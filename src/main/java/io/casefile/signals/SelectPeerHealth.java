package io.casefile.signals;

import io.casefile.analysis.traces.PeerStats;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/** Client calls per peer in both windows: count, errors, p50/p99 duration and the calling services. */
final class SelectPeerHealth {
  record Stats(Map<String, PeerStats> incident, Map<String, PeerStats> baseline) {}

  private final BoundQuery query;

  SelectPeerHealth(SignalRequest r, String peerExpression) {
    query = new BoundQuery.Builder()
        .sql("SELECT w, peer, count(*) AS calls, count(*) FILTER (WHERE is_error) AS errors,\n"
            + "  quantile_cont(duration_us, 0.5) AS p50, quantile_cont(duration_us, 0.99) AS p99,\n"
            + "  array_to_string(list_sort(list(DISTINCT service)), ',') AS callers\n"
            + "FROM (SELECT ")
        .sql(SpanSql.windowLabel("start_time", r)).sql(" AS w, ").sql(peerExpression)
        .sql(" AS peer, is_error, duration_us, service\n  FROM spans WHERE kind = 3 AND ")
        .sql(SpanSql.inWindows("start_time", r))
        .sql(")\nWHERE peer IS NOT NULL\nGROUP BY ALL\nORDER BY peer, w")
        .build();
  }

  Stats run(Connection db) {
    Map<String, PeerStats> incident = new TreeMap<>();
    Map<String, PeerStats> baseline = new TreeMap<>();
    query.rows(db, rs -> {
      String callers = rs.getString("callers");
      PeerStats s = new PeerStats(rs.getString("peer"), rs.getLong("calls"), rs.getLong("errors"),
          rs.getDouble("p50"), rs.getDouble("p99"),
          callers == null || callers.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(callers.split(","))));
      ("incident".equals(rs.getString("w")) ? incident : baseline).put(s.peer(), s);
      return null;
    });
    return new Stats(incident, baseline);
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
