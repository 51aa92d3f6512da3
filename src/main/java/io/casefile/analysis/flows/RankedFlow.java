package io.casefile.analysis.flows;

/**
 * A flow with its expected errors (incident requests × smoothed baseline rate), its excess
 * (observed − expected) and the share of all flows' positive excess it holds.
 */
public record RankedFlow(FlowCounts counts, double expectedErrors, double excessErrors, double shareOfExcess) {
  public double baselineRate() {
    return counts.baselineRequests() == 0 ? 0 : (double) counts.baselineErrors() / counts.baselineRequests();
  }

  public double rate() {
    return counts.requests() == 0 ? 0 : (double) counts.errors() / counts.requests();
  }
}
