package io.casefile.alerts;

import io.casefile.alerts.MultiWindowBurnRate.Counts;
import io.casefile.model.Flow;
import io.casefile.store.Queries;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request counts an SLO evaluation reads: per flow, requests and bad requests in each window
 * ending at {@code now} (spans that started before {@code now}), one aggregate query over the longest
 * window. A flow is an entry flow when some of its requests have no parent span: they started at the
 * edge of the traced system.
 */
final class SloCounts {
  private SloCounts() {}

  /** One flow's counts per window, whether it is an entry flow, and its first request in the longest window. */
  record Row(Flow flow, boolean entry, Instant firstRequest, Map<Duration, Counts> counts) {}

  /** The rows and the SQL that reproduces them. */
  record Result(List<Row> rows, String query) {
    Row row(Flow f) {
      return rows.stream().filter(r -> r.flow().equals(f)).findFirst().orElse(null);
    }
  }

  /**
   * @param flow one flow, or null for every flow
   * @param slowerThanMs null counts failed requests as bad; else requests slower than this
   */
  static Result read(Connection conn, List<Duration> windows, Instant now, Flow flow, Double slowerThanMs) {
    Duration longest = windows.stream().max(Duration::compareTo).orElseThrow();
    String bad = slowerThanMs == null ? "is_error" : "duration_us > " + Math.round(slowerThanMs * 1000);
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT service, operation, bool_or(parent_span_id IS NULL) AS entry,\n"
        + "  epoch_us(min(start_time)) AS first_request");
    for (Duration w : windows) {
      String since = "start_time >= CAST(? AS TIMESTAMP)";
      sql.append(",\n  count(*) FILTER (WHERE ").append(since).append(") AS \"requests_")
          .append(MultiWindowBurnRate.text(w)).append("\", count(*) FILTER (WHERE ").append(since).append(" AND ")
          .append(bad).append(") AS \"bad_").append(MultiWindowBurnRate.text(w)).append('"');
      params.add(now.minus(w));
      params.add(now.minus(w));
    }
    sql.append("\nFROM spans WHERE is_request AND start_time >= CAST(? AS TIMESTAMP) AND start_time < CAST(? AS TIMESTAMP)");
    params.add(now.minus(longest));
    params.add(now);
    if (flow != null) {
      sql.append(" AND service = ? AND operation = ?");
      params.add(flow.service());
      params.add(flow.operation());
    }
    sql.append("\nGROUP BY ALL ORDER BY service, operation");
    String text = sql.toString();
    List<Row> rows = Queries.list(conn, text, params, rs -> {
      Map<Duration, Counts> counts = new LinkedHashMap<>();
      for (int i = 0; i < windows.size(); i++) {
        counts.put(windows.get(i), new Counts(rs.getLong(5 + 2 * i), rs.getLong(6 + 2 * i)));
      }
      return new Row(new Flow(rs.getString(1), rs.getString(2)), rs.getBoolean(3),
          Sql.instantOfMicros(rs.getObject(4)), counts);
    });
    return new Result(rows, Sql.inline(text, params));
  }
}
