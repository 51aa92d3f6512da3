package io.casefile.incident;

import io.casefile.model.TimeRange;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader.TreatedAndControl;
import io.casefile.store.TelemetryReaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link SymptomSignals} read through the telemetry seam: request counts and errors per bucket.
 * The treated cohort is the symptom's flow restricted to its cohort attributes; the control is the
 * same flow outside the cohort, or, when the symptom names no cohort, every other flow. A source
 * that cannot split requests that way gives two empty series that say why.
 */
public final class SpanSymptomSignals implements SymptomSignals {
  private final TelemetryReaders readers;

  public SpanSymptomSignals(TelemetryReaders readers) {
    this.readers = Objects.requireNonNull(readers, "readers");
  }

  @Override
  public CohortSeries series(IncidentSymptom symptom, Instant from, Instant to, Duration bucket) {
    if (!from.isBefore(to)) {
      return new CohortSeries(List.of(), List.of(), "an empty window", "none", "-- empty window " + from + " .. " + to);
    }
    Measured<TreatedAndControl> m = readers.withReader(
        r -> r.cohortSeries(symptom.flow(), symptom.cohort(), new TimeRange(from, to), bucket));
    if (!m.available()) {
      return new CohortSeries(List.of(), List.of(), "not measured: " + m.unavailable(), "none", m.query());
    }
    TreatedAndControl s = m.value();
    return new CohortSeries(s.treated(), s.control(), s.treatedCohort(), s.controlCohort(), m.query());
  }
}
