package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import java.sql.Connection;
import java.util.List;

/**
 * What the windows hold, to say which signals could be read: spans, spans with a status, log
 * records, log records with a severity, and gauge points; one scan per table.
 */
final class SelectCoverage {
  record Coverage(long spans, long spansWithStatus, long logs, long logsWithSeverity, long gaugePoints) {}

  private final BoundQuery query;

  SelectCoverage(io.casefile.model.TimeRange range, java.util.Set<String> tables) {
    SignalRequest r = SignalRequest.of(null, range, range);
    String logs = tables.contains("logs") ? "logs" : "(SELECT NULL::TIMESTAMP AS time, NULL::TINYINT AS severity_number WHERE false)";
    String gauges = tables.contains("metric_points") ? "metric_points"
        : "(SELECT NULL::TIMESTAMP AS time, NULL::VARCHAR AS kind WHERE false)";
    query = new BoundQuery.Builder()
        .sql("SELECT * FROM (SELECT count(*) AS spans, count(*) FILTER (WHERE status <> 0) AS with_status FROM spans WHERE ")
        .sql(SpanSql.inWindows("start_time", r)).sql("),\n"
            + "  (SELECT count(*) AS logs, count(*) FILTER (WHERE severity_number > 0) AS with_severity FROM " + logs + " WHERE ")
        .sql(SpanSql.inWindows("time", r)).sql("),\n"
            + "  (SELECT count(*) AS gauges FROM " + gauges + " WHERE kind = 'gauge' AND ").sql(SpanSql.inWindows("time", r)).sql(")")
        .build();
  }

  Coverage run(Connection db) {
    return query.rows(db, rs -> new Coverage(rs.getLong("spans"), rs.getLong("with_status"), rs.getLong("logs"),
        rs.getLong("with_severity"), rs.getLong("gauges"))).get(0);
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
