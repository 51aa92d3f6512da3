package io.casefile.store;

import io.casefile.model.Flow;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.Counts;
import io.casefile.store.TelemetryReader.FlowWindowCounts;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per flow, requests and bad requests in each window ending at {@code now} (requests that started
 * before {@code now}), in one aggregate query over the longest window. A flow is an entry flow when
 * some of its requests have no parent span: they started at the edge of the traced system.
 */
final class SelectWindowCounts {
  private SelectWindowCounts() {}

  static Measured<List<FlowWindowCounts>> run(Connection conn, List<Duration> windows, Instant now, Flow flow,
      Bad bad) {
    Duration longest = windows.stream().max(Duration::compareTo).orElseThrow();
    String badSql = bad.isLatency() ? "duration_us > " + bad.thresholdMicros() : "is_error";
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT service, operation, bool_or(parent_span_id IS NULL) AS entry,\n"
        + "  epoch_us(min(start_time)) AS first_request");
    for (int i = 0; i < windows.size(); i++) {
      String since = "start_time >= ?";
      sql.append(",\n  count(*) FILTER (WHERE ").append(since).append(") AS requests_").append(i)
          .append(", count(*) FILTER (WHERE ").append(since).append(" AND ").append(badSql).append(") AS bad_").append(i);
      params.add(now.minus(windows.get(i)));
      params.add(now.minus(windows.get(i)));
    }
    params.addAll(FlowRequests.params(flow));
    params.add(now.minus(longest));
    params.add(now);
    sql.append("\nFROM spans WHERE ").append(FlowRequests.where(flow)).append(" AND start_time >= ? AND start_time < ?")
        .append("\nGROUP BY ALL ORDER BY service, operation");
    String text = sql.toString();
    List<FlowWindowCounts> rows = Queries.list(conn, text, params, rs -> {
      Map<Duration, Counts> counts = new LinkedHashMap<>();
      for (int i = 0; i < windows.size(); i++) {
        counts.put(windows.get(i), new Counts(rs.getLong(5 + 2 * i), rs.getLong(6 + 2 * i), Double.NaN));
      }
      return new FlowWindowCounts(new Flow(rs.getString(1), rs.getString(2)), rs.getBoolean(3),
          Sql.instantOfMicros(rs.getObject(4)), counts);
    });
    return new Measured<>(rows, Sql.inline(text, params));
  }
}
