package io.casefile.analysis.traces;

import java.util.Set;
import java.util.TreeSet;

/** Client calls to one external peer in one window: count, errors, duration p50/p99, callers. */
public record PeerStats(String peer, long calls, long errors, double p50Micros, double p99Micros,
    Set<String> callers) {

  public PeerStats {
    if (peer == null || peer.isBlank()) {
      throw new IllegalArgumentException("peer name is required");
    }
    if (calls < 0 || errors < 0 || errors > calls) {
      throw new IllegalArgumentException("peer " + peer + " needs 0 <= errors <= calls, got errors="
          + errors + " calls=" + calls);
    }
    callers = Set.copyOf(callers);
  }

  public static PeerStats none(String peer) {
    return new PeerStats(peer, 0, 0, 0, 0, Set.of());
  }

  public double errorRate() {
    return calls == 0 ? 0 : (double) errors / calls;
  }

  /** Callers in name order, comma separated. */
  public String callerList() {
    return String.join(",", new TreeSet<>(callers));
  }
}
