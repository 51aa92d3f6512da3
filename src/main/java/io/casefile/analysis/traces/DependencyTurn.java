package io.casefile.analysis.traces;

import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An external dependency that turned bad: its calls' error rate rose ({@code errorsWorse}, with the
 * two-proportion z-score {@code errorZ}) and/or their p99 duration grew ({@code latencyWorse}).
 */
public record DependencyTurn(String peer, PeerStats baseline, PeerStats incident,
    boolean errorsWorse, boolean latencyWorse, double errorZ) {

  public DependencyTurn {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(incident, "incident");
    if (!errorsWorse && !latencyWorse) {
      throw new IllegalArgumentException("a dependency turn needs worse errors or latency: " + peer);
    }
  }

  /** The services that call the peer, in either window. */
  public TreeSet<String> callers() {
    TreeSet<String> all = new TreeSet<>(incident.callers());
    all.addAll(baseline.callers());
    return all;
  }

  /** {@code pix-gateway turned bad: errors 0.1% -> 40.2%, p99 120 ms -> 5.0 s}. */
  public String summary() {
    StringBuilder b = new StringBuilder(peer).append(" turned bad:");
    if (errorsWorse) {
      b.append(" errors ").append(percent(baseline.errorRate())).append(" -> ")
          .append(percent(incident.errorRate()));
    }
    if (latencyWorse) {
      b.append(errorsWorse ? "," : "").append(" p99 ").append(millis(baseline.p99Micros()))
          .append(" -> ").append(millis(incident.p99Micros()));
    }
    return b.append(" (callers ").append(String.join(",", callers())).append(")").toString();
  }

  /**
   * The turn as a derived change event (type dependency, source derived) that suspect ranking can
   * score like any recorded change; {@code since} is when the peer turned bad.
   */
  public ChangeEvent asChange(Instant since) {
    return new ChangeEvent("derived-dependency-" + peer + "-" + since.getEpochSecond(),
        ChangeType.DEPENDENCY, since, peer, summary(), null, null, null, null,
        Map.of("peer", peer, "callers", String.join(",", callers())), null, null,
        ChangeEvent.SOURCE_DERIVED);
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  static String millis(double micros) {
    return micros >= 1_000_000
        ? String.format(Locale.ROOT, "%.1f s", micros / 1e6)
        : String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
  }
}
