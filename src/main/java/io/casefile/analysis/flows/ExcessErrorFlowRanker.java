package io.casefile.analysis.flows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks flows by excess errors. A flow's baseline rate is smoothed toward the all-flows baseline
 * rate with a prior of {@code priorRequests} requests, so a flow with a thin baseline is neither
 * blamed nor excused by noise. A flow is reported only when its excess is material: at least
 * {@code minExcess} errors and three Poisson standard deviations above expectation. Ties break by
 * flow name, so the ranking is deterministic.
 */
public final class ExcessErrorFlowRanker {
  private final double priorRequests;
  private final double minExcess;

  public ExcessErrorFlowRanker(double priorRequests, double minExcess) {
    if (priorRequests < 0 || minExcess < 0) {
      throw new IllegalArgumentException("prior and minimum excess must be >= 0, got " + priorRequests + ", " + minExcess);
    }
    this.priorRequests = priorRequests;
    this.minExcess = minExcess;
  }

  public ExcessErrorFlowRanker() {
    this(50, 5);
  }

  /** Flows with material excess errors, the largest excess first; empty when none has any. */
  public List<RankedFlow> rank(List<FlowCounts> flows) {
    long bn = 0;
    long be = 0;
    for (FlowCounts f : flows) {
      bn += f.baselineRequests();
      be += f.baselineErrors();
    }
    double global = bn == 0 ? 0 : (double) be / bn;
    List<RankedFlow> ranked = new ArrayList<>();
    double total = 0;
    for (FlowCounts f : flows) {
      double p = (f.baselineErrors() + priorRequests * global) / (f.baselineRequests() + priorRequests);
      double expected = f.requests() * p;
      double excess = f.errors() - expected;
      if (excess >= minExcess && excess >= 3 * Math.sqrt(Math.max(expected, 1))) {
        ranked.add(new RankedFlow(f, expected, excess, 0));
        total += excess;
      }
    }
    double sum = total;
    return ranked.stream()
        .map(r -> new RankedFlow(r.counts(), r.expectedErrors(), r.excessErrors(), r.excessErrors() / sum))
        .sorted(Comparator.comparingDouble(RankedFlow::excessErrors).reversed()
            .thenComparing(r -> r.counts().flow().toString()))
        .toList();
  }
}
