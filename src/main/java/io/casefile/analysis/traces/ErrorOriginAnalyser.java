package io.casefile.analysis.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compares error origins in the incident window with the baseline and keeps those that explain
 * the new failures: a meaningful share of the failed traces and more than the baseline rate
 * predicts (Poisson z-score). Equal rates in both windows report nothing.
 */
public final class ErrorOriginAnalyser {

  /** minShare of examined failed traces, minimum z of the excess, at most limit origins. */
  public record Options(double minShare, double minZ, int limit) {
    public Options {
      if (minShare < 0 || minShare > 1) {
        throw new IllegalArgumentException("minShare must be in [0, 1], got " + minShare);
      }
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be >= 1, got " + limit);
      }
    }

    public static Options defaults() {
      return new Options(0.05, 3.0, 5);
    }
  }

  private final Options options;

  public ErrorOriginAnalyser(Options options) {
    this.options = options;
  }

  public ErrorOriginAnalyser() {
    this(Options.defaults());
  }

  /** The origins of the incident's failures, largest excess first. */
  public List<ErrorOrigin> analyse(OriginTally incident, OriginTally baseline) {
    if (incident.sampledTraces() == 0) {
      return List.of();
    }
    List<ErrorOrigin> out = new ArrayList<>();
    for (Map.Entry<Component, Long> e : incident.origins().entrySet()) {
      long traces = e.getValue();
      double share = (double) traces / incident.sampledTraces();
      double estimated = share * incident.failedTraces();
      long baseTraces = baseline.origins().getOrDefault(e.getKey(), 0L);
      double baseShare = baseline.sampledTraces() == 0 ? 0 : (double) baseTraces / baseline.sampledTraces();
      double baseRate = baseline.requests() == 0 ? 0 : baseShare * baseline.failedTraces() / baseline.requests();
      double expected = baseRate * incident.requests();
      double excess = estimated - expected;
      double z = excess / Math.sqrt(Math.max(expected, 1.0));
      if (share >= options.minShare() && excess > 0 && z >= options.minZ()) {
        double rate = incident.requests() == 0 ? 0 : estimated / incident.requests();
        out.add(new ErrorOrigin(e.getKey(), traces, share, estimated, rate,
            baseTraces, baseShare, baseRate, excess, z));
      }
    }
    out.sort(Comparator.comparingDouble(ErrorOrigin::excess).reversed()
        .thenComparing(ErrorOrigin::component));
    return List.copyOf(out.subList(0, Math.min(out.size(), options.limit())));
  }
}
