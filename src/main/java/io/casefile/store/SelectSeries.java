package io.casefile.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Requests per time bucket for a flow, every request, or each flow: counts, errors, median and p99
 * duration, and a cohort's counts beside them. Buckets are aligned on the range's start; empty
 * buckets are absent.
 */
final class SelectSeries {
  private SelectSeries() {}

  static QueryResult<SeriesPoint> run(Connection conn, SeriesQuery q, SpanAttributes columns) {
    long origin = Sql.micros(q.range().from());
    long width = q.bucket().toNanos() / 1000;
    List<Object> params = new ArrayList<>();
    StringBuilder cohort = new StringBuilder();
    for (Map.Entry<String, String> e : q.cohort().entrySet()) {
      String column = columns.expression(e.getKey());
      if (!columns.contains(e.getKey())) {
        throw new IllegalArgumentException("no attribute '" + e.getKey() + "' is stored on requests");
      }
      cohort.append(cohort.isEmpty() ? "" : " AND ").append(column).append(" = ?");
      params.add(e.getValue());
    }
    List<Object> cohortParams = new ArrayList<>(params);
    params.clear();
    String flowCols = q.perFlow() ? "service, operation" : "NULL::VARCHAR AS service, NULL::VARCHAR AS operation";
    String inCohort = cohort.isEmpty() ? "false" : cohort.toString();
    StringBuilder sql = new StringBuilder("SELECT ").append(flowCols)
        .append(", (epoch_us(start_time) - ").append(origin).append(") // ").append(width).append(" AS bucket,\n")
        .append("  count(*) AS requests, count(*) FILTER (WHERE is_error) AS errors,\n")
        .append(q.latency() ? "  quantile_cont(duration_us, 0.5) / 1000.0 AS p50_ms, quantile_cont(duration_us, 0.99) / 1000.0 AS p99_ms,\n"
            : "  NULL::DOUBLE AS p50_ms, NULL::DOUBLE AS p99_ms,\n")
        .append("  count(*) FILTER (WHERE ").append(inCohort).append(") AS cohort_requests,\n")
        .append("  count(*) FILTER (WHERE ").append(inCohort).append(" AND is_error) AS cohort_errors\n")
        .append("FROM spans WHERE is_request AND start_time >= ? AND start_time < ?");
    params.addAll(cohortParams);
    params.addAll(cohortParams);
    params.add(q.range().from());
    params.add(q.range().to());
    if (q.flow() != null) {
      sql.append(" AND service = ? AND operation = ?");
      params.add(q.flow().service());
      params.add(q.flow().operation());
    }
    sql.append(q.perFlow() ? "\nGROUP BY service, operation, bucket ORDER BY service, operation, bucket"
        : "\nGROUP BY bucket ORDER BY bucket");
    return Queries.run(conn, sql.toString(), params, rs -> new SeriesPoint(rs.getString(1), rs.getString(2),
        Sql.ofMicros(origin + rs.getLong(3) * width), rs.getLong(4), rs.getLong(5), (Double) rs.getObject(6),
        (Double) rs.getObject(7), rs.getLong(8), rs.getLong(9)));
  }
}
