package io.casefile.incident;

import io.casefile.model.Flow;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is wrong, as measured when the incident was opened: the flow (null for the whole
 * environment), the affected cohort (empty when not localized), the signal, a one-line
 * description and the onset when known. Effect measurement and snapshots select telemetry by it.
 */
public record IncidentSymptom(
    Flow flow, Map<String, String> cohort, String signal, String description, Instant onset) {

  public IncidentSymptom {
    cohort = cohort == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(cohort));
    for (var e : cohort.entrySet()) {
      if (e.getKey().isBlank() || e.getValue() == null) {
        throw new IllegalArgumentException("symptom cohort needs non-blank keys and values, got: " + e);
      }
    }
    signal = signal == null || signal.isBlank() ? "errors" : signal;
    if (!signal.equals("errors")) {
      throw new IllegalArgumentException("symptom signal must be errors, got: " + signal);
    }
    description = description == null ? "" : description;
  }

  public static IncidentSymptom unknown() {
    return new IncidentSymptom(null, Map.of(), "errors", "", null);
  }
}
