package io.casefile.analysis.traces;

import java.util.Objects;

/**
 * How much self-time one component adds to a slow request of the flow, baseline against incident
 * (mean per examined request), the growth and its share of the growth of the mean slow-request
 * duration. The per-span stats are null where the component did not appear in that window.
 */
public record LatencyGrowth(
    Component component,
    double baselinePerRequestMicros,
    double incidentPerRequestMicros,
    double growthMicros,
    double shareOfGrowth,
    SelfTimeStats baseline,
    SelfTimeStats incident) {

  public LatencyGrowth {
    Objects.requireNonNull(component, "component");
  }
}
