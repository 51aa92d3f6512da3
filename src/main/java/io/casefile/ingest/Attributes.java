package io.casefile.ingest;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Merges resource and item attributes into a string map, within the per-item limit. */
final class Attributes {
  private Attributes() {}

  /** Returns the number of attributes dropped beyond the limit. */
  static int merge(List<KeyValue> resource, List<KeyValue> item, IngestLimits limits, Map<String, String> into) {
    int dropped = 0;
    for (List<KeyValue> list : List.of(resource, item)) {
      for (KeyValue kv : list) {
        if (into.size() >= limits.maxAttributesPerItem() && !into.containsKey(kv.getKey())) {
          dropped++;
          continue;
        }
        String v = AnyValues.text(kv.getValue());
        if (v != null) {
          into.put(kv.getKey(), v.length() > limits.maxValueChars() ? v.substring(0, limits.maxValueChars()) : v);
        }
      }
    }
    return dropped;
  }

  static String serviceName(List<KeyValue> resource) {
    for (KeyValue kv : resource) {
      if (kv.getKey().equals("service.name")) {
        String v = AnyValues.text(kv.getValue());
        if (v != null && !v.isEmpty()) {
          return v;
        }
      }
    }
    return "unknown_service";
  }

  static Map<String, String> newMap() {
    return new HashMap<>();
  }
}
