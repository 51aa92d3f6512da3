package io.casefile.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Change events from JSON: Casefile's own shape and PagerDuty Change Events v2. Bad input throws
 * IllegalArgumentException naming the field.
 */
public final class ChangeEventDecoder {
  private static final ObjectMapper JSON = JsonCodec.mapper();
  private static final int MAX_TEXT = 4_096;

  private final InstantSource clock;
  private final Duration maxFutureSkew;

  public ChangeEventDecoder(InstantSource clock, Duration maxFutureSkew) {
    this.clock = clock;
    this.maxFutureSkew = maxFutureSkew;
  }

  /** {@code {"type","timestamp","service","summary", ...optional fields}}; source defaults to {@code api}. */
  public ChangeEvent nativeEvent(byte[] body) {
    JsonNode n = object(parse(body), "body");
    String id = text(n, "id");
    String summary = required(n, "summary");
    return new ChangeEvent(id == null ? UUID.randomUUID().toString() : id,
        ChangeType.parse(required(n, "type")), time(n, "timestamp"), text(n, "service"), summary,
        text(n, "version"), text(n, "previous_version"), text(n, "environment"), text(n, "flag_key"),
        targets(n.get("targets"), "targets"), text(n, "link"), text(n, "author"),
        orDefault(text(n, "source"), "api"));
  }

  /** A PagerDuty Change Events v2 body ({@code /v2/change/enqueue}); source {@code pagerduty}. */
  public ChangeEvent pagerDuty(byte[] body) {
    JsonNode root = object(parse(body), "body");
    JsonNode payload = object(root.get("payload"), "payload");
    JsonNode details = payload.get("custom_details");
    if (details != null && !details.isNull()) {
      object(details, "payload.custom_details");
    } else {
      details = JSON.createObjectNode();
    }
    String summary = required(payload, "summary");
    String link = null;
    JsonNode links = root.get("links");
    if (links != null && !links.isNull()) {
      if (!links.isArray()) {
        throw new IllegalArgumentException("links must be an array of {href, text}");
      }
      if (!links.isEmpty()) {
        link = text(object(links.get(0), "links[0]"), "href");
      }
    }
    String type = text(details, "type");
    return new ChangeEvent(UUID.randomUUID().toString(),
        type == null ? ChangeType.OTHER : ChangeType.parse(type), time(payload, "timestamp"),
        orDefault(text(details, "service"), text(payload, "source")), summary, text(details, "version"),
        text(details, "previous_version"), text(details, "environment"), text(details, "flag_key"),
        targets(details.get("targets"), "payload.custom_details.targets"), link,
        text(details, "author"), "pagerduty");
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new IllegalArgumentException("body is empty; expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body is not valid JSON: " + JsonErrors.describe(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode object(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(path + " must be a JSON object, got " + JsonFields.describe(n));
    }
    return n;
  }

  private static String text(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, got " + JsonFields.describe(n));
    }
    String s = n.textValue().strip();
    if (s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
    }
    return s.isEmpty() ? null : s;
  }

  private static String required(JsonNode obj, String field) {
    String s = text(obj, field);
    if (s == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return s;
  }

  private static String orDefault(String s, String fallback) {
    return s == null ? fallback : s;
  }

  private Instant time(JsonNode obj, String field) {
    String s = text(obj, field);
    if (s == null) {
      return clock.instant();
    }
    Instant t;
    try {
      t = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be an RFC 3339 time like 2026-01-02T15:04:05Z, got '"
          + Ids.abbreviate(s) + "'");
    }
    if (t.isBefore(Instant.EPOCH) || t.isAfter(clock.instant().plus(maxFutureSkew))) {
      throw new IllegalArgumentException(field + " " + s + " is before 1970 or more than "
          + maxFutureSkew + " in the future");
    }
    return t;
  }

  private static Map<String, String> targets(JsonNode n, String path) {
    Map<String, String> out = new HashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    object(n, path);
    var it = n.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new IllegalArgumentException(path + "." + e.getKey() + " must be a string, number or boolean");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
