package io.casefile.store.signals;

import io.casefile.analysis.rootcause.Buckets;
import io.casefile.model.TimeRange;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.time.Duration;

/**
 * Per bucket and service operation, the own time of its spans (duration minus the direct
 * children's, floored at zero) and, per caller and callee service, the calls between them and the
 * gap between the caller's span and the callee's span under it: count, sum and sum of squares of
 * {@code ln(1 + ms)}. A span with a child in another service is a call, not own time. Also the
 * sequences of calls the spans made ({@link SelectCallSequences}), from the same scan. Traces are
 * sampled by a hash of the trace id ({@code permille} of 1000) so the cost stays bounded.
 */
final class SelectOwnTimesAndCalls {
  private final BoundQuery query;

  SelectOwnTimesAndCalls(TimeRange range, Duration bucket, int permille) {
    query = new BoundQuery.Builder()
        .sql("WITH s AS MATERIALIZED (\n  SELECT trace_id, span_id, parent_span_id, service, operation, duration_us, start_time,"
            + " (epoch_us(start_time) - ").value(Sql.micros(range.from())).sql(") // ").value(bucket.toNanos() / 1000)
        .sql(" AS b\n  FROM spans WHERE ").sql(SpanSql.sampledTraces(range, permille))
        .sql("),\nkids AS (\n  SELECT trace_id, parent_span_id AS span_id, sum(duration_us) AS child_us,"
            + " min(service) AS child_lo, max(service) AS child_hi\n  FROM s WHERE parent_span_id IS NOT NULL AND parent_span_id <> 0"
            + " GROUP BY ALL),\n"
            + "own AS (\n  SELECT s.b, s.service, s.operation,"
            + " round(1e6 * ln(1 + greatest(s.duration_us - coalesce(k.child_us, 0), 0) / 1000.0))::BIGINT AS l\n"
            + "  FROM s LEFT JOIN kids k ON k.trace_id = s.trace_id AND k.span_id = s.span_id\n"
            + "  WHERE k.child_lo IS NULL OR (k.child_lo = s.service AND k.child_hi = s.service)),\n"
            + "calls AS (\n  SELECT c.b, p.service AS caller, c.service AS callee,"
            + " round(1e6 * ln(1 + greatest(p.duration_us - c.duration_us, 0) / 1000.0))::BIGINT AS l\n"
            + "  FROM s c JOIN s p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id\n"
            + "  WHERE p.service <> c.service),\n"
            + SelectCallSequences.CTES + "\n"
            + "SELECT 'own' AS row_kind, b, service AS x, operation AS y, NULL::VARCHAR AS z, count(*) AS n,"
            + " sum(l)::DOUBLE / 1e6 AS s1, sum(l::HUGEINT * l)::DOUBLE / 1e12 AS s2"
            + " FROM own GROUP BY ALL\n"
            + "UNION ALL SELECT 'call', b, caller, callee, NULL, count(*), sum(l)::DOUBLE / 1e6, sum(l::HUGEINT * l)::DOUBLE / 1e12"
            + " FROM calls GROUP BY ALL\n"
            + "UNION ALL SELECT 'seq', b, service, operation, steps, count(*), NULL, NULL FROM seq GROUP BY ALL\n"
            + "ORDER BY row_kind, x, y, z, b")
        .build();
  }

  void run(Connection db, Buckets into) {
    query.rows(db, rs -> {
      int b = (int) rs.getLong("b");
      switch (rs.getString("row_kind")) {
        case "own" -> into.ownTime(rs.getString("x"), rs.getString("y"), b, rs.getLong("n"), rs.getDouble("s1"),
            rs.getDouble("s2"));
        case "call" -> into.call(rs.getString("x"), rs.getString("y"), b, rs.getLong("n"), rs.getDouble("s1"),
            rs.getDouble("s2"));
        default -> into.callSequence(rs.getString("x"), rs.getString("y"), SelectCallSequences.steps(rs.getString("z")), b,
            rs.getLong("n"));
      }
      return null;
    });
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
