package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.Component;
import io.casefile.analysis.traces.SelfTimeStats;
import io.casefile.analysis.traces.TailProfile;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-time per component below the flow's slow requests, baseline and incident in one query. Slow
 * means at or above the window's threshold ({@link SelectSlowThresholds}); the examined ones are
 * the {@link RecentSample} of each window (the most recent slow requests, at most
 * {@code maxTraces}), whose spans are read from the narrow time range the sample spans. A
 * recursive CTE collects each examined request's subtree; self-time is a span's duration minus its
 * direct children's, floored at zero (as {@link io.casefile.analysis.traces.SelfTimes}).
 */
final class SelectTailSelfTimes {
  record Profiles(TailProfile incident, TailProfile baseline) {}

  private final BoundQuery query;

  SelectTailSelfTimes(SignalRequest r, SelectSlowThresholds.Threshold[] thresholds,
      String peerExpression, RecentSample sample) {
    SpanSql.Fragment slow = slow(r, thresholds);
    query = new BoundQuery.Builder()
        .sql("WITH RECURSIVE\nflow AS (\n  SELECT trace_id, span_id, start_time, duration_us, ")
        .sql(SpanSql.windowLabel("start_time", r)).sql(" AS w\n  FROM spans WHERE ")
        .sql(SpanSql.flowRequests(r.flow())).sql(" AND ").sql(slow).sql(" AND ")
        .sql(sample.examined("start_time"))
        .sql("),\nslow AS MATERIALIZED (\n  SELECT * FROM flow\n  QUALIFY row_number() OVER (PARTITION BY w ORDER BY start_time DESC, span_id DESC) <= ")
        .sql(RecentSample.cap(r))
        .sql("),\nts AS MATERIALIZED (\n  SELECT trace_id, span_id, parent_span_id, service, operation, duration_us, ")
        .sql(peerExpression).sql(" AS peer\n  FROM spans\n  WHERE ").sql(sample.spans("start_time"))
        .sql(" AND trace_id IN (SELECT trace_id FROM slow)),\n"
            + "sub(w, trace_id, span_id, depth) AS (\n"
            + "  SELECT w, trace_id, span_id, 0 FROM slow\n  UNION ALL\n"
            + "  SELECT s.w, t.trace_id, t.span_id, s.depth + 1\n"
            + "  FROM sub s JOIN ts t ON t.trace_id = s.trace_id AND t.parent_span_id = s.span_id\n"
            + "  WHERE s.depth < 64 AND t.span_id <> s.span_id),\n"
            + "kids AS (\n  SELECT trace_id, parent_span_id AS span_id, sum(duration_us) AS child_us\n"
            + "  FROM ts WHERE parent_span_id IS NOT NULL AND parent_span_id <> span_id GROUP BY ALL),\n"
            + "self AS (\n  SELECT s.w, t.service, t.operation, t.peer,"
            + " greatest(t.duration_us - coalesce(k.child_us, 0), 0) AS self_us\n"
            + "  FROM sub s JOIN ts t ON t.trace_id = s.trace_id AND t.span_id = s.span_id\n"
            + "  LEFT JOIN kids k ON k.trace_id = s.trace_id AND k.span_id = s.span_id)\n"
            + "SELECT w, 'component' AS row_kind, service, operation, peer, count(*) AS n,"
            + " CAST(sum(self_us) AS DOUBLE) AS total_us, quantile_cont(self_us, 0.5) AS p50,"
            + " quantile_cont(self_us, 0.95) AS p95, quantile_cont(self_us, 0.99) AS p99 FROM self GROUP BY ALL\n"
            + "UNION ALL SELECT w, 'sampled', NULL, NULL, NULL, count(*), avg(duration_us), NULL,"
            + " NULL, NULL FROM slow GROUP BY ALL\n"
            + "ORDER BY w, row_kind, service, operation, peer")
        .build();
    this.thresholds = thresholds.clone();
  }

  private final SelectSlowThresholds.Threshold[] thresholds;

  /** duration_us at or above the threshold of the row's window. */
  static SpanSql.Fragment slow(SignalRequest r, SelectSlowThresholds.Threshold[] thresholds) {
    return new SpanSql.Fragment("duration_us >= (CASE WHEN start_time >= ? AND start_time < ? THEN ? ELSE ? END)",
        java.util.List.of(r.incident().from(), r.incident().to(), thresholds[1].micros(), thresholds[0].micros()));
  }

  Profiles run(Connection db) {
    Map<String, Acc> acc = new HashMap<>();
    acc.put("incident", new Acc());
    acc.put("baseline", new Acc());
    query.rows(db, rs -> {
      Acc a = acc.get(rs.getString("w"));
      long n = rs.getLong("n");
      switch (rs.getString("row_kind")) {
        case "component" -> a.components.add(new SelfTimeStats(
            new Component(rs.getString("service"), rs.getString("operation"), rs.getString("peer")),
            n, rs.getDouble("total_us"), rs.getDouble("p50"), rs.getDouble("p95"), rs.getDouble("p99")));
        case "sampled" -> {
          a.sampled = n;
          a.mean = rs.getDouble("total_us");
        }
        default -> throw new IllegalStateException("unexpected row kind " + rs.getString("row_kind"));
      }
      return null;
    });
    acc.get("baseline").threshold = thresholds[0].micros();
    acc.get("baseline").slow = thresholds[0].slowRequests();
    acc.get("incident").threshold = thresholds[1].micros();
    acc.get("incident").slow = thresholds[1].slowRequests();
    return new Profiles(acc.get("incident").profile(), acc.get("baseline").profile());
  }

  private static final class Acc {
    long slow;
    long sampled;
    double mean;
    double threshold;
    final List<SelfTimeStats> components = new ArrayList<>();

    TailProfile profile() {
      return new TailProfile(Math.max(slow, sampled), sampled, threshold, mean, components);
    }
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
