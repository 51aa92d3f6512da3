package io.casefile.analysis.traces;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The slow requests of a flow in one window: those at or above the window's own duration
 * quantile ({@code thresholdMicros}), how many there were and were examined, their mean
 * duration, and the self-time of every component below them.
 */
public record TailProfile(
    long slowRequests, long sampledRequests, double thresholdMicros, double meanDurationMicros,
    List<SelfTimeStats> components) {

  public TailProfile {
    if (sampledRequests < 0 || sampledRequests > slowRequests) {
      throw new IllegalArgumentException("sampled requests must be in [0, " + slowRequests
          + "], got " + sampledRequests);
    }
    components = List.copyOf(components);
  }

  public static TailProfile empty() {
    return new TailProfile(0, 0, 0, 0, List.of());
  }

  /**
   * Profiles requests in memory: each entry is one examined request's self-times (its subtree,
   * root first, as {@link SelfTimes#ofSubtree} gives).
   */
  public static TailProfile of(long slowRequests, double thresholdMicros,
      Collection<List<SelfTimes.SelfTime>> requests) {
    Map<Component, List<Long>> byComponent = new TreeMap<>();
    double durationSum = 0;
    for (List<SelfTimes.SelfTime> request : requests) {
      durationSum += request.get(0).span().durationMicros();
      for (SelfTimes.SelfTime st : request) {
        byComponent.computeIfAbsent(st.span().component(), k -> new ArrayList<>()).add(st.selfMicros());
      }
    }
    List<SelfTimeStats> stats = new ArrayList<>();
    byComponent.forEach((c, values) -> {
      double[] sorted = values.stream().mapToDouble(Long::doubleValue).sorted().toArray();
      double total = 0;
      for (double v : sorted) {
        total += v;
      }
      stats.add(new SelfTimeStats(c, sorted.length, total,
          quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 0.99)));
    });
    int n = requests.size();
    return new TailProfile(slowRequests, n, thresholdMicros, n == 0 ? 0 : durationSum / n, stats);
  }

  /** Linear interpolation between closest ranks (DuckDB quantile_cont). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
