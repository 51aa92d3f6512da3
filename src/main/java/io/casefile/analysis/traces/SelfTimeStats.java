package io.casefile.analysis.traces;

import java.util.Objects;

/**
 * Self-time of one component over the examined requests of a window: how many spans, the total,
 * and the p50/p95/p99 per span (linear interpolation, as DuckDB's {@code quantile_cont}).
 */
public record SelfTimeStats(
    Component component, long spans, double totalMicros, double p50Micros, double p95Micros,
    double p99Micros) {

  public SelfTimeStats {
    Objects.requireNonNull(component, "component");
    if (spans < 1) {
      throw new IllegalArgumentException("self-time stats need >= 1 span, got " + spans
          + " for " + component.label());
    }
    if (totalMicros < 0) {
      throw new IllegalArgumentException("total self-time must be >= 0, got " + totalMicros);
    }
  }
}
