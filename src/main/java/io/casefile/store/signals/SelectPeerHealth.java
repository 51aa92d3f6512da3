package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.PeerStats;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Client calls per external peer in both windows: count, errors, p50/p99 duration and the calling
 * services. Durations are counted in 2%-wide logarithmic buckets (a hash aggregate over small
 * integers instead of a sort per peer), and the quantiles are read from the buckets, so they are
 * exact to within 2%. A peer that is itself a service reporting requests is internal (its own spans
 * tell its story) and left out.
 */
final class SelectPeerHealth {
  record Stats(Map<String, PeerStats> incident, Map<String, PeerStats> baseline) {}

  private final BoundQuery query;

  SelectPeerHealth(SignalRequest r, String peerExpression) {
    query = new BoundQuery.Builder()
        .sql("SELECT w, peer, service, CAST(floor(ln(greatest(duration_us, 1)) / ln("
            + SelectSlowThresholds.BASE + ")) AS INTEGER) AS b,\n"
            + "  count(*) AS calls, count(*) FILTER (WHERE is_error) AS errors\nFROM (SELECT ")
        .sql(SpanSql.windowLabel("start_time", r)).sql(" AS w, ").sql(peerExpression)
        .sql(" AS peer, is_error, duration_us, service\n  FROM spans WHERE kind = 3 AND ")
        .sql(SpanSql.inWindows("start_time", r))
        .sql(")\nWHERE peer IS NOT NULL\n  AND peer NOT IN (SELECT DISTINCT service FROM spans WHERE is_request AND ")
        .sql(SpanSql.inWindows("start_time", r))
        .sql(")\nGROUP BY ALL\nORDER BY w, peer, service, b")
        .build();
  }

  private static final class Acc {
    long calls;
    long errors;
    final TreeSet<String> callers = new TreeSet<>();
    final TreeMap<Integer, Long> buckets = new TreeMap<>();

    PeerStats stats(String peer) {
      return new PeerStats(peer, calls, errors, quantile(0.5), quantile(0.99), callers);
    }

    /** The geometric middle of the bucket holding the quantile. */
    double quantile(double q) {
      double rank = Math.max(1, Math.ceil(q * calls));
      long seen = 0;
      for (var e : buckets.entrySet()) {
        seen += e.getValue();
        if (seen >= rank) {
          return Math.pow(SelectSlowThresholds.BASE, e.getKey() + 0.5);
        }
      }
      return 0;
    }
  }

  Stats run(Connection db) {
    Map<String, Acc> incident = new HashMap<>();
    Map<String, Acc> baseline = new HashMap<>();
    query.rows(db, rs -> {
      Map<String, Acc> m = "incident".equals(rs.getString("w")) ? incident : baseline;
      Acc a = m.computeIfAbsent(rs.getString("peer"), p -> new Acc());
      a.calls += rs.getLong("calls");
      a.errors += rs.getLong("errors");
      a.callers.add(rs.getString("service"));
      a.buckets.merge(rs.getInt("b"), rs.getLong("calls"), Long::sum);
      return null;
    });
    return new Stats(stats(incident), stats(baseline));
  }

  private static Map<String, PeerStats> stats(Map<String, Acc> m) {
    Map<String, PeerStats> out = new TreeMap<>();
    m.forEach((peer, a) -> out.put(peer, a.stats(peer)));
    return out;
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
