package io.casefile.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.incident.ActionKind;
import io.casefile.incident.EntryBody;
import io.casefile.incident.EntryType;
import io.casefile.incident.HypothesisStatus;
import io.casefile.incident.IncidentSymptom;
import io.casefile.incident.Lever;
import io.casefile.model.Flow;
import io.casefile.model.JsonCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads incident API request bodies into the casefile model, refusing malformed JSON, missing or
 * mistyped fields and unknown fields with a message naming the field.
 */
final class IncidentRequests {
  private IncidentRequests() {}

  /** A parsed entry request: the body, who wrote it, and the overlap override. */
  record EntryRequest(EntryBody body, String author, boolean force, String reason) {}

  static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      throw ApiError.badRequest("request body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = JsonCodec.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "malformed_json", "request body is not valid JSON: "
          + io.casefile.ingest.JsonErrors.describe(e));
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("could not read the request body: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ApiError(400, "malformed_json", "request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  static EntryRequest entry(ObjectNode o) {
    EntryType type = EntryType.parse(text(o, "type", true));
    String author = text(o, "author", false);
    return switch (type) {
      case FACT -> {
        only(o, "type", "author", "statement", "source", "numbers", "query");
        Map<String, Double> numbers = new LinkedHashMap<>();
        JsonNode n = o.get("numbers");
        if (n != null && !n.isNull()) {
          if (!n.isObject()) {
            throw ApiError.badRequest("numbers must be an object of name: number");
          }
          for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getValue().isNumber()) {
              throw ApiError.badRequest("numbers." + e.getKey() + " must be a number");
            }
            double d = e.getValue().asDouble();
            if (!Double.isFinite(d)) {
              throw ApiError.badRequest("numbers." + e.getKey() + " is too large for a number (beyond ±1.8e308): "
                  + e.getValue().asText());
            }
            numbers.put(e.getKey(), d);
          }
        }
        yield new EntryRequest(new EntryBody.Fact(text(o, "statement", true), text(o, "source", false), numbers,
            text(o, "query", false)), author, false, null);
      }
      case HYPOTHESIS -> {
        only(o, "type", "author", "statement", "status", "evidence_for", "evidence_against", "revises");
        String status = text(o, "status", false);
        yield new EntryRequest(new EntryBody.Hypothesis(text(o, "statement", true),
            status == null ? HypothesisStatus.OPEN : HypothesisStatus.parse(status), strings(o, "evidence_for"),
            strings(o, "evidence_against"), longValue(o, "revises")), author, false, null);
      }
      case ACTION -> {
        only(o, "type", "author", "kind", "summary", "target", "lever", "expected_effect", "observation_window",
            "force", "reason");
        String window = text(o, "observation_window", false);
        var action = new EntryBody.Action(ActionKind.parse(text(o, "kind", true)), text(o, "summary", true),
            text(o, "target", false), text(o, "expected_effect", false), window == null ? null : duration(window),
            null, null, null, lever(o.get("lever")));
        yield new EntryRequest(action, author, bool(o, "force"), text(o, "reason", false));
      }
      case DECISION -> {
        only(o, "type", "author", "decision", "rationale");
        yield new EntryRequest(new EntryBody.Decision(text(o, "decision", true), text(o, "rationale", false)), author,
            false, null);
      }
      case NOTE -> {
        only(o, "type", "author", "text");
        yield new EntryRequest(new EntryBody.Note(text(o, "text", true)), author, false, null);
      }
      case ROOT_CAUSE -> {
        only(o, "type", "author", "statement", "unknown", "reason", "follow_up", "trigger");
        yield new EntryRequest(new EntryBody.RootCause(text(o, "statement", false), bool(o, "unknown"),
            text(o, "reason", false), text(o, "follow_up", false), text(o, "trigger", false)), author, false, null);
      }
      case STATUS_CHANGE -> throw ApiError.badRequest("change the status with POST /api/v1/incidents/{id}/status");
      case STATUS_UPDATE -> throw ApiError.badRequest("publish updates with POST /api/v1/incidents/{id}/updates");
      case SNAPSHOT -> throw ApiError.badRequest("take snapshots with POST /api/v1/incidents/{id}/snapshots");
      case EFFECT -> throw ApiError.badRequest("effects are measured by Casefile when an action's window ends");
    };
  }

  /** An action's machine-readable target: {@code {"kind", "target", "version"?}} or {@code "KIND:TARGET[@VERSION]"}. */
  static Lever lever(JsonNode l) {
    if (l == null || l.isNull()) {
      return null;
    }
    if (l.isTextual()) {
      return Lever.parse(l.asText());
    }
    if (!l.isObject()) {
      throw ApiError.badRequest("lever must be an object {kind, target, version?} or a string KIND:TARGET[@VERSION]");
    }
    only((ObjectNode) l, "kind", "target", "version");
    return new Lever(text(l, "kind", true), text(l, "target", true), text(l, "version", false));
  }

  static IncidentSymptom symptom(JsonNode s) {
    if (s == null || s.isNull()) {
      return null;
    }
    if (!s.isObject()) {
      throw ApiError.badRequest("symptom must be an object with flow, cohort, description, onset");
    }
    only((ObjectNode) s, "flow", "cohort", "signal", "description", "onset");
    String flow = text(s, "flow", false);
    Map<String, String> cohort = new HashMap<>();
    JsonNode c = s.get("cohort");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw ApiError.badRequest("symptom.cohort must be an object of attribute: value");
      }
      c.properties().forEach(e -> {
        if (!e.getValue().isTextual()) {
          throw ApiError.badRequest("symptom.cohort." + e.getKey() + " must be a string");
        }
        cohort.put(e.getKey(), e.getValue().asText());
      });
    }
    String onset = text(s, "onset", false);
    return new IncidentSymptom(flow == null ? null : Flow.parse(flow), cohort, text(s, "signal", false),
        text(s, "description", false), onset == null ? null : instant("symptom.onset", onset));
  }

  static void only(ObjectNode o, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        throw ApiError.badRequest("unknown field '" + f + "'; accepted fields: " + String.join(", ", allowed));
      }
    }
  }

  static String text(JsonNode o, String field, boolean required) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiError.badRequest("missing field '" + field + "'");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest("field '" + field + "' must be a string, got " + v.getNodeType().name().toLowerCase());
    }
    if (required && v.asText().isBlank()) {
      throw ApiError.badRequest("field '" + field + "' must not be blank");
    }
    return v.asText();
  }

  static boolean bool(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiError.badRequest("field '" + field + "' must be true or false");
    }
    return v.asBoolean();
  }

  static Long longValue(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToExactIntegral() || !v.isNumber() || !v.canConvertToLong() || v.asLong() < 1) {
      throw ApiError.badRequest("field '" + field + "' must be an entry number (a positive integer), got "
          + v.toString().substring(0, Math.min(40, v.toString().length())));
    }
    return v.asLong();
  }

  static List<String> strings(JsonNode o, String field) {
    JsonNode v = o.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw ApiError.badRequest("field '" + field + "' must be an array of strings");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw ApiError.badRequest("field '" + field + "' must be an array of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  static Duration duration(String text) {
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("observation_window must be an ISO-8601 duration like PT5M, got '" + text + "'");
    }
  }

  static Instant instant(String field, String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(field + " must be an RFC 3339 time like 2026-01-02T15:04:05Z, got '" + text + "'");
    }
  }
}
