package io.casefile.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of the demo's files: ground truth (snake_case) and change events in the API's wire form. */
final class DemoJson {
  private DemoJson() {}

  static final ObjectMapper MAPPER = JsonCodec.mapper();

  /** Writes the scenario folder's files, indented for people who read them. */
  static final ObjectWriter FILES = MAPPER.writerWithDefaultPrettyPrinter();

  /** The body of {@code POST /api/v1/changes}: the change's fields, absent ones left out. */
  static Map<String, Object> wire(ChangeEvent c) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", c.id());
    m.put("type", c.type().wireName());
    m.put("timestamp", c.timestamp().toString());
    put(m, "service", c.service());
    m.put("summary", c.summary());
    put(m, "version", c.version());
    put(m, "previous_version", c.previousVersion());
    put(m, "environment", c.environment());
    put(m, "flag_key", c.flagKey());
    if (!c.targets().isEmpty()) {
      m.put("targets", new java.util.TreeMap<>(c.targets()));
    }
    put(m, "link", c.link());
    put(m, "author", c.author());
    put(m, "source", c.source());
    return m;
  }

  static ChangeEvent change(Map<String, Object> m) {
    try {
      @SuppressWarnings("unchecked") // JSON objects decode as string-keyed maps
      Map<String, String> targets = m.get("targets") instanceof Map<?, ?> t ? (Map<String, String>) t : Map.of();
      return new ChangeEvent(text(m, "id"), ChangeType.parse(text(m, "type")), Instant.parse(text(m, "timestamp")),
          text(m, "service"), text(m, "summary"), text(m, "version"), text(m, "previous_version"),
          text(m, "environment"), text(m, "flag_key"), targets, text(m, "link"), text(m, "author"),
          text(m, "source"));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("bad change event " + m + ": " + e.getMessage(), e);
    }
  }

  static List<ChangeEvent> changes(byte[] json) throws IOException {
    List<Map<String, Object>> list = MAPPER.readValue(json, new TypeReference<>() {});
    return list.stream().map(DemoJson::change).toList();
  }

  private static String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }

  private static void put(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
