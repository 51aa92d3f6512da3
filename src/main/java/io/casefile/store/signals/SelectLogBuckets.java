package io.casefile.store.signals;

import io.casefile.analysis.rootcause.Buckets;
import io.casefile.analysis.rootcause.LogRate;
import io.casefile.model.TimeRange;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.time.Duration;

/**
 * Log records per service, template and bucket, with their highest severity number and one
 * example body per template; records without a template id group by body. At most
 * {@code limit} rows, the busiest first.
 *
 * <p>A warning or error record that only reports a failure further down its trace is left out
 * (Nezha's log events attached to the trace's spans; the deepest one is where the failure
 * originates): a record on a span with a descendant span of another service, in the same trace,
 * that logged a record at least as severe (error, or warning). The caller's "call to X failed"
 * then counts for X, where it began, and not for every service above it. A deeper record of lower
 * severity (a routine warning) does not hide an error. Records without trace and span ids count
 * as they are.
 */
final class SelectLogBuckets {
  /** Deepest call path followed up from a logging span. */
  static final int MAX_DEPTH = 64;

  private final BoundQuery query;

  SelectLogBuckets(TimeRange range, Duration bucket, int limit) {
    query = ctes(new BoundQuery.Builder().sql("WITH RECURSIVE\n"), range, bucket)
        .sql("\n"
            + "SELECT l.service, l.template, l.b, max(l.severity) AS severity, count(*) AS n, min(l.body) AS example\nFROM l\n"
            + "WHERE " + NOT_REPORTED + "\n"
            + "GROUP BY ALL ORDER BY n DESC, l.service, l.template, l.b LIMIT ").value(limit)
        .build();
  }

  /**
   * The CTEs {@code l} (the range's log records with their bucket, template key and level: 2 error,
   * 1 warning, 0 other) and {@code reported} (the records that only report a failure deeper in their
   * trace: trace, span, service and level), after {@code WITH RECURSIVE}.
   */
  static BoundQuery.Builder ctes(BoundQuery.Builder b, TimeRange range, Duration bucket) {
    return b.sql("l AS MATERIALIZED (\n  SELECT service, template_id, coalesce(CAST(template_id AS VARCHAR), body) AS template, (epoch_us(time) - ")
        .value(Sql.micros(range.from())).sql(") // ").value(bucket.toNanos() / 1000)
        .sql(" AS b, severity_number AS severity, body, trace_id, span_id,\n    CASE WHEN severity_number >= ").value(LogRate.ERROR)
        .sql(" THEN 2 WHEN severity_number >= ").value(LogRate.WARNING).sql(" THEN 1 ELSE 0 END AS level\n  FROM logs WHERE time >= ")
        .value(range.from()).sql(" AND time < ").value(range.to())
        .sql("),\nflagged AS MATERIALIZED (\n  SELECT trace_id, span_id, service, max(level) AS level FROM l\n"
            + "  WHERE level > 0 AND trace_id IS NOT NULL AND span_id IS NOT NULL GROUP BY ALL),\n"
            + "sp AS MATERIALIZED (\n  SELECT trace_id, span_id, parent_span_id FROM spans\n"
            + "  WHERE trace_id IN (SELECT trace_id FROM flagged) AND start_time >= ")
        .value(range.from().minus(SpanSql.SLACK)).sql(" AND start_time < ").value(range.to().plus(SpanSql.SLACK))
        .sql("),\nup(trace_id, service, level, ancestor, depth) AS (\n"
            + "  SELECT f.trace_id, f.service, f.level, s.parent_span_id, 1\n"
            + "  FROM flagged f JOIN sp s ON s.trace_id = f.trace_id AND s.span_id = f.span_id\n  UNION ALL\n"
            + "  SELECT u.trace_id, u.service, u.level, s.parent_span_id, u.depth + 1\n"
            + "  FROM up u JOIN sp s ON s.trace_id = u.trace_id AND s.span_id = u.ancestor\n  WHERE u.depth < ")
        .value(MAX_DEPTH)
        .sql("),\nreported AS (\n  SELECT DISTINCT f.trace_id, f.span_id, f.service, l2.level\n"
            + "  FROM up u JOIN flagged f ON f.trace_id = u.trace_id AND f.span_id = u.ancestor AND f.service <> u.service\n"
            + "  CROSS JOIN (VALUES (1), (2)) AS l2(level)\n  WHERE l2.level <= u.level)");
  }

  /** A record of {@code l} that counts where it was logged: not one in {@code reported}. */
  static final String NOT_REPORTED = "(l.level = 0 OR NOT EXISTS (SELECT 1 FROM reported r WHERE r.trace_id = l.trace_id"
      + " AND r.span_id = l.span_id AND r.service = l.service AND r.level = l.level))";

  void run(Connection db, Buckets into) {
    query.rows(db, rs -> {
      String example = rs.getString("example");
      into.log(rs.getString("service"), rs.getString("template"), example == null ? "" : example, rs.getInt("severity"),
          (int) rs.getLong("b"), rs.getLong("n"));
      return null;
    });
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
