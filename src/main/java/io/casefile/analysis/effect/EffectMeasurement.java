package io.casefile.analysis.effect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The numbers behind a verdict. {@code change} is the treated cohort's error-rate change
 * (after − before); {@code estimate} is the effect attributed to the action: the
 * difference-in-differences against the control when one is available, else {@code change};
 * {@code z} is the estimate over its standard error. {@code changePoint} is the most likely
 * moment the treated error rate shifted, or null when no shift is significant.
 */
public record EffectMeasurement(
    EffectVerdict verdict,
    RateWindow treatedBefore,
    RateWindow treatedAfter,
    RateWindow controlBefore,
    RateWindow controlAfter,
    double change,
    double estimate,
    double standardError,
    double z,
    boolean differenceInDifferences,
    Instant changePoint,
    String explanation) {

  /** The treated error rate's relative change, e.g. -0.96 for a 96% drop; 0 without a baseline. */
  @JsonProperty("relative_change")
  public double relativeChange() {
    double before = treatedBefore.rate();
    return before == 0 ? 0.0 : change / before;
  }
}
