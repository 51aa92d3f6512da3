package io.casefile.analysis.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Names the components that made slow requests slower: compares the self-time each component adds
 * to a slow request of the flow in the baseline and in the incident window, and ranks those whose
 * contribution grew by absolute time. When the slow requests themselves did not get meaningfully
 * slower, nothing is reported.
 */
public final class LatencyAttributionAnalyser {

  /**
   * The slow requests' mean duration must grow by at least {@code minGrowthMicros} and by
   * {@code minRelativeGrowth} of the baseline mean; a component is named when its growth is at least
   * {@code minShareOfGrowth} of that growth; at most {@code limit} components.
   */
  public record Options(long minGrowthMicros, double minRelativeGrowth, double minShareOfGrowth,
      int limit) {
    public Options {
      if (minGrowthMicros < 0 || minRelativeGrowth < 0 || minShareOfGrowth < 0) {
        throw new IllegalArgumentException("latency thresholds must be >= 0, got " + minGrowthMicros
            + ", " + minRelativeGrowth + ", " + minShareOfGrowth);
      }
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be >= 1, got " + limit);
      }
    }

    public static Options defaults() {
      return new Options(1_000, 0.10, 0.10, 5);
    }
  }

  private final Options options;

  public LatencyAttributionAnalyser(Options options) {
    this.options = options;
  }

  public LatencyAttributionAnalyser() {
    this(Options.defaults());
  }

  /** The growth of the slow requests' mean duration, in microseconds (may be negative). */
  public static double requestGrowthMicros(TailProfile incident, TailProfile baseline) {
    return incident.meanDurationMicros() - baseline.meanDurationMicros();
  }

  /** The components whose self-time grew, largest growth first; empty when latency did not grow. */
  public List<LatencyGrowth> analyse(TailProfile incident, TailProfile baseline) {
    if (incident.sampledRequests() == 0 || baseline.sampledRequests() == 0) {
      return List.of();
    }
    double growth = requestGrowthMicros(incident, baseline);
    if (growth < options.minGrowthMicros()
        || growth < options.minRelativeGrowth() * baseline.meanDurationMicros()) {
      return List.of();
    }
    Map<Component, SelfTimeStats> inc = index(incident);
    Map<Component, SelfTimeStats> base = index(baseline);
    TreeSet<Component> all = new TreeSet<>(inc.keySet());
    all.addAll(base.keySet());
    List<LatencyGrowth> out = new ArrayList<>();
    for (Component c : all) {
      double before = perRequest(base.get(c), baseline);
      double after = perRequest(inc.get(c), incident);
      double g = after - before;
      if (g > 0 && g >= options.minShareOfGrowth() * growth) {
        out.add(new LatencyGrowth(c, before, after, g, g / growth, base.get(c), inc.get(c)));
      }
    }
    out.sort(Comparator.comparingDouble(LatencyGrowth::growthMicros).reversed()
        .thenComparing(LatencyGrowth::component));
    return List.copyOf(out.subList(0, Math.min(out.size(), options.limit())));
  }

  private static Map<Component, SelfTimeStats> index(TailProfile p) {
    Map<Component, SelfTimeStats> m = new TreeMap<>();
    p.components().forEach(s -> m.put(s.component(), s));
    return m;
  }

  private static double perRequest(SelfTimeStats s, TailProfile p) {
    return s == null ? 0 : s.totalMicros() / p.sampledRequests();
  }
}
