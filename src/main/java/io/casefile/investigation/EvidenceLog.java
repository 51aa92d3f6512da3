package io.casefile.investigation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the evidence of one investigation, numbering it e1, e2, … in the order claims are made. */
final class EvidenceLog {
  private final List<Evidence> items = new ArrayList<>();

  EvidenceLog() {}

  /** A log that continues after the evidence already recorded. */
  EvidenceLog(List<Evidence> recorded) {
    items.addAll(recorded);
  }

  String add(String claim, Map<String, Number> numbers, String query) {
    String id = "e" + (items.size() + 1);
    items.add(new Evidence(id, claim, numbers, query));
    return id;
  }

  static Map<String, Number> numbers(Object... keyValues) {
    Map<String, Number> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      if (v instanceof Double d) {
        if (Double.isFinite(d)) {
          m.put((String) keyValues[i], Text.round(d));
        }
      } else if (v instanceof Number n) {
        m.put((String) keyValues[i], n);
      }
    }
    return m;
  }

  List<Evidence> all() {
    return List.copyOf(items);
  }
}
