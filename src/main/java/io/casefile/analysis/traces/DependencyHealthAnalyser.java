package io.casefile.analysis.traces;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds external peers that turned bad between the baseline and the incident window: a higher
 * error rate (at least double plus one point, and a two-proportion z-score of 3) or a longer p99
 * (at least double and {@code minP99GrowthMicros} longer). Peers with few incident calls are left
 * out; healthy peers report nothing.
 */
public final class DependencyHealthAnalyser {

  public record Options(long minCalls, double minZ, long minP99GrowthMicros) {
    public Options {
      if (minCalls < 1 || minZ < 0 || minP99GrowthMicros < 0) {
        throw new IllegalArgumentException("dependency options must be positive, got minCalls="
            + minCalls + " minZ=" + minZ + " minP99GrowthMicros=" + minP99GrowthMicros);
      }
    }

    public static Options defaults() {
      return new Options(10, 3.0, 50_000);
    }
  }

  private final Options options;

  public DependencyHealthAnalyser(Options options) {
    this.options = options;
  }

  public DependencyHealthAnalyser() {
    this(Options.defaults());
  }

  /** Peers that turned bad, most significant first (error z, then p99 growth, then name). */
  public List<DependencyTurn> analyse(Map<String, PeerStats> baseline, Map<String, PeerStats> incident) {
    List<DependencyTurn> out = new ArrayList<>();
    for (PeerStats inc : incident.values()) {
      if (inc.calls() < options.minCalls()) {
        continue;
      }
      PeerStats base = baseline.getOrDefault(inc.peer(), PeerStats.none(inc.peer()));
      double z = twoProportionZ(base, inc);
      boolean errors = inc.errorRate() >= 2 * base.errorRate() + 0.01 && z >= options.minZ()
          && inc.errors() >= 3;
      boolean latency = base.calls() >= options.minCalls()
          && inc.p99Micros() >= 2 * base.p99Micros()
          && inc.p99Micros() - base.p99Micros() >= options.minP99GrowthMicros();
      if (errors || latency) {
        out.add(new DependencyTurn(inc.peer(), base, inc, errors, latency, z));
      }
    }
    out.sort(Comparator.comparingDouble(DependencyTurn::errorZ).reversed()
        .thenComparing(Comparator.comparingDouble(
            (DependencyTurn t) -> t.incident().p99Micros() - t.baseline().p99Micros()).reversed())
        .thenComparing(DependencyTurn::peer));
    return List.copyOf(out);
  }

  /**
   * When the peer turned bad: the first bucket of the incident window whose error rate (or p99)
   * crosses halfway from the baseline to the incident value; empty when no bucket does.
   */
  public static Optional<Instant> since(DependencyTurn turn, List<PeerBucket> buckets) {
    double errorMid = (turn.baseline().errorRate() + turn.incident().errorRate()) / 2;
    double p99Mid = (turn.baseline().p99Micros() + turn.incident().p99Micros()) / 2;
    return buckets.stream()
        .filter(b -> b.calls() > 0)
        .filter(b -> (turn.errorsWorse() && (double) b.errors() / b.calls() >= errorMid)
            || (turn.latencyWorse() && b.p99Micros() >= p99Mid))
        .map(PeerBucket::start)
        .min(Comparator.naturalOrder());
  }

  /** Pooled two-proportion z-score of incident errors over baseline errors (0 when undefined). */
  static double twoProportionZ(PeerStats base, PeerStats inc) {
    if (base.calls() == 0) {
      // a new peer: compare against a zero-error baseline of the same size
      return inc.errors() == 0 ? 0 : Math.sqrt(inc.errors());
    }
    double pooled = (double) (base.errors() + inc.errors()) / (base.calls() + inc.calls());
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / base.calls() + 1.0 / inc.calls()));
    return se == 0 ? 0 : (inc.errorRate() - base.errorRate()) / se;
  }
}
