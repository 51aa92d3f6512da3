package io.casefile.store;

import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Example traces of a service operation in a range: the latest failed spans of it, or (for a
 * latency symptom) the slowest. Any span, not only requests, so an error origin deep in a trace
 * has exemplars too.
 */
final class SelectExemplars {
  private SelectExemplars() {}

  static QueryResult<Exemplar> run(Connection conn, Flow flow, TimeRange range, boolean slowest, int limit) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("exemplars: limit must be 1..100, got " + limit);
    }
    List<Object> params = new ArrayList<>(List.of(flow.service(), flow.operation(), range.from(), range.to()));
    String sql = "SELECT replace(CAST(trace_id AS VARCHAR), '-', ''), service, operation, epoch_us(start_time), duration_us,"
        + " is_error, status_message\nFROM spans WHERE service = ? AND operation = ? AND start_time >= ? AND start_time < ?"
        + (slowest ? "\nORDER BY duration_us DESC, trace_id" : " AND is_error\nORDER BY start_time DESC, trace_id")
        + "\nLIMIT " + limit;
    return Queries.run(conn, sql, params, rs -> new Exemplar(rs.getString(1), rs.getString(2), rs.getString(3),
        Sql.ofMicros(rs.getLong(4)), rs.getLong(5), rs.getBoolean(6), rs.getString(7)));
  }
}
