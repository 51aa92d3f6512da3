package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.Component;
import io.casefile.analysis.traces.OriginTally;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error origins of the flow's failed requests, baseline and incident in one query. A failed trace
 * is one whose (first) request span on the flow is an error. The examined ones are the
 * {@link RecentSample} of each window (the most recent failed requests, at most {@code maxTraces});
 * their spans are read from the narrow time range the sample spans. A recursive CTE follows
 * erroring children down from the request span; the deepest one is the origin (ties: earliest
 * start, then service, operation, span id — as {@link io.casefile.analysis.traces.ErrorPaths}).
 * Rows: per window, origins and path services with trace counts, plus the flow's requests, its
 * failed requests and the examined traces.
 */
final class SelectErrorOrigins {
  /** The tallies of both windows. */
  record Tallies(OriginTally incident, OriginTally baseline) {}

  private final BoundQuery query;

  SelectErrorOrigins(SignalRequest r, String peerExpression, RecentSample sample) {
    query = new BoundQuery.Builder()
        .sql("WITH RECURSIVE\ncounts AS (\n  SELECT w, count(*) AS requests, count(*) FILTER (WHERE is_error) AS failed\n"
            + "  FROM (SELECT is_error, ")
        .sql(SpanSql.windowLabel("start_time", r)).sql(" AS w\n    FROM spans WHERE ")
        .sql(SpanSql.flowRequests(r.flow())).sql(" AND ").sql(SpanSql.inWindows("start_time", r))
        .sql(")\n  GROUP BY w),\nfailed AS MATERIALIZED (\n  SELECT * FROM (\n"
            + "    SELECT w, trace_id, span_id FROM (\n      SELECT trace_id, span_id, start_time, ")
        .sql(SpanSql.windowLabel("start_time", r)).sql(" AS w\n      FROM spans WHERE ")
        .sql(SpanSql.flowRequests(r.flow())).sql(" AND is_error AND ").sql(sample.examined("start_time"))
        .sql(")\n    QUALIFY row_number() OVER (PARTITION BY w, trace_id ORDER BY start_time, span_id) = 1)\n"
            + "  QUALIFY row_number() OVER (PARTITION BY w ORDER BY trace_id) <= ")
        .sql(RecentSample.cap(r))
        .sql("),\nerrs AS MATERIALIZED (\n  SELECT trace_id, span_id, parent_span_id, service, operation, start_time, ")
        .sql(peerExpression).sql(" AS peer\n  FROM spans\n  WHERE is_error AND ").sql(sample.spans("start_time"))
        .sql(" AND trace_id IN (SELECT trace_id FROM failed)),\n"
            + "path(w, trace_id, span_id, depth) AS (\n"
            + "  SELECT w, trace_id, span_id, 0 FROM failed\n  UNION ALL\n"
            + "  SELECT p.w, e.trace_id, e.span_id, p.depth + 1\n"
            + "  FROM path p JOIN errs e ON e.trace_id = p.trace_id AND e.parent_span_id = p.span_id\n"
            + "  WHERE p.depth < 64 AND e.span_id <> p.span_id),\n"
            + "steps AS (\n  SELECT p.w, p.trace_id, p.depth, e.span_id, e.service, e.operation, e.peer, e.start_time\n"
            + "  FROM path p JOIN errs e ON e.trace_id = p.trace_id AND e.span_id = p.span_id),\n"
            + "origin AS (\n  SELECT * FROM steps\n  QUALIFY row_number() OVER (PARTITION BY w, trace_id"
            + " ORDER BY depth DESC, start_time, service, operation, span_id) = 1)\n"
            + "SELECT w, 'origin' AS row_kind, service, operation, peer, count(*) AS n FROM origin GROUP BY ALL\n"
            + "UNION ALL SELECT w, 'path', service, NULL, NULL, count(DISTINCT trace_id) FROM steps GROUP BY ALL\n"
            + "UNION ALL SELECT w, 'requests', NULL, NULL, NULL, requests FROM counts\n"
            + "UNION ALL SELECT w, 'failed', NULL, NULL, NULL, failed FROM counts\n"
            + "UNION ALL SELECT w, 'sampled', NULL, NULL, NULL, count(*) FROM failed GROUP BY ALL\n"
            + "ORDER BY w, row_kind, n DESC, service, operation, peer")
        .build();
  }

  Tallies run(Connection db) {
    Map<String, Acc> acc = new HashMap<>();
    acc.put("incident", new Acc());
    acc.put("baseline", new Acc());
    query.rows(db, rs -> {
      Acc a = acc.get(rs.getString("w"));
      long n = rs.getLong("n");
      switch (rs.getString("row_kind")) {
        case "origin" -> a.origins.put(
            new Component(rs.getString("service"), rs.getString("operation"), rs.getString("peer")), n);
        case "path" -> a.services.put(rs.getString("service"), n);
        case "requests" -> a.requests = n;
        case "failed" -> a.failed = n;
        case "sampled" -> a.sampled = n;
        default -> throw new IllegalStateException("unexpected row kind " + rs.getString("row_kind"));
      }
      return null;
    });
    return new Tallies(acc.get("incident").tally(), acc.get("baseline").tally());
  }

  private static final class Acc {
    long requests;
    long failed;
    long sampled;
    final Map<Component, Long> origins = new TreeMap<>();
    final Map<String, Long> services = new TreeMap<>();

    OriginTally tally() {
      return new OriginTally(requests, failed, sampled, origins, services);
    }
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
