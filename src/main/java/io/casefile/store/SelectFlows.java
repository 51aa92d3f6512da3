package io.casefile.store;

import io.casefile.model.TimeRange;
import java.sql.Connection;
import java.util.List;

/** Requests, errors and duration quantiles per flow. */
final class SelectFlows {
  private SelectFlows() {}

  static final String SQL = """
      SELECT service, operation, count(*) AS requests, count(*) FILTER (WHERE is_error) AS errors,
             quantile_cont(duration_us, 0.5) / 1000.0 AS p50_ms,
             quantile_cont(duration_us, 0.95) / 1000.0 AS p95_ms,
             quantile_cont(duration_us, 0.99) / 1000.0 AS p99_ms
      FROM spans
      WHERE is_request AND start_time >= ? AND start_time < ?
      GROUP BY service, operation
      ORDER BY service, operation""";

  static QueryResult<FlowStats> run(Connection conn, TimeRange range) {
    return Queries.run(conn, SQL, List.of(range.from(), range.to()), rs -> {
      long requests = rs.getLong(3);
      long errors = rs.getLong(4);
      return new FlowStats(rs.getString(1), rs.getString(2), requests, errors,
          requests == 0 ? 0 : (double) errors / requests, rs.getDouble(5), rs.getDouble(6), rs.getDouble(7));
    });
  }
}
