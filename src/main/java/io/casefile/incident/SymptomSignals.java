package io.casefile.incident;

import io.casefile.analysis.effect.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The port effect measurement reads through: the symptom's error signal, bucketed, for the
 * affected cohort and for an unaffected control cohort.
 */
public interface SymptomSignals {

  /** Treated and control series over [from, to); the control may be empty. */
  CohortSeries series(IncidentSymptom symptom, Instant from, Instant to, Duration bucket);

  /** The two series, with what the control is and the query that reproduces them. */
  record CohortSeries(List<Bucket> treated, List<Bucket> control, String treatedCohort, String controlCohort,
      String query) {
    public CohortSeries {
      treated = List.copyOf(treated);
      control = List.copyOf(control);
    }
  }
}
