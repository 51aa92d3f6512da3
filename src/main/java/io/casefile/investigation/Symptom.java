package io.casefile.investigation;

import io.casefile.model.Severity;
import io.casefile.model.Onset;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.casefile.model.Flow;
import java.util.List;
import java.util.Objects;

/**
 * The symptom, measured: which flow, since when, observed against the baseline (the window before
 * onset; {@code week_earlier} is the same window a week before, null without data), the error
 * signature, the cohorts that explain the excess, and the severity.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Symptom(
    Flow flow,
    Onset onset,
    Window observed,
    Window baseline,
    Window weekEarlier,
    List<SignatureEntry> signature,
    List<Cohort> cohorts,
    Severity severity,
    String evidence) {
  public Symptom {
    Objects.requireNonNull(onset, "symptom onset");
    Objects.requireNonNull(observed, "symptom observed");
    Objects.requireNonNull(baseline, "symptom baseline");
    signature = signature == null ? List.of() : List.copyOf(signature);
    cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
  }
}
