package io.casefile.analysis.traces;

import java.util.Objects;

/**
 * One origin of failed requests, incident window against baseline. {@code traces} counts examined
 * failed traces ending here; {@code share} is their fraction of the examined failed traces;
 * {@code estimatedTraces} scales the share to all failed traces; {@code rate} is that per request
 * of the flow. {@code excess} is the estimate minus what the baseline rate predicts for the
 * incident's requests, and {@code z} its Poisson z-score.
 */
public record ErrorOrigin(
    Component component,
    long traces,
    double share,
    double estimatedTraces,
    double rate,
    long baselineTraces,
    double baselineShare,
    double baselineRate,
    double excess,
    double z) {

  public ErrorOrigin {
    Objects.requireNonNull(component, "component");
    if (share < 0 || share > 1 || baselineShare < 0 || baselineShare > 1) {
      throw new IllegalArgumentException("shares must be in [0, 1], got " + share + " and "
          + baselineShare + " for " + component.label());
    }
  }
}
