package io.casefile.analysis.rootcause;

import java.util.Map;
import java.util.Objects;

/**
 * One piece of evidence against a service: its kind, its effect size ({@code strength}: how far the
 * incident moved from the baseline, on a log or robust-z scale, only recorded when the move is also
 * statistically significant), the operation or instance it concerns (null when not one), a sentence
 * and the numbers behind it.
 */
public record CauseEvidence(String service, CauseKind kind, double strength, String operation, String instance,
    String text, Map<String, Double> numbers) {
  public CauseEvidence {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    if (!(strength >= 0) || Double.isInfinite(strength)) {
      throw new IllegalArgumentException("evidence strength must be finite and >= 0, got " + strength);
    }
    numbers = Map.copyOf(numbers);
  }
}
