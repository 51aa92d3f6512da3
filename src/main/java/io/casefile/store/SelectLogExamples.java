package io.casefile.store;

import java.sql.Connection;
import java.util.List;

/** The latest log records of one log template (by its text) in a range, with their traces. */
final class SelectLogExamples {
  private SelectLogExamples() {}

  static final String SQL = """
      SELECT epoch_us(time), severity_text, service,
             CASE WHEN span_id IS NULL THEN NULL ELSE printf('%016x', span_id) END, body, template_id,
             CASE WHEN trace_id IS NULL THEN NULL ELSE replace(CAST(trace_id AS VARCHAR), '-', '') END
      FROM logs
      WHERE template_id IN (SELECT id FROM log_templates WHERE template = ?) AND time >= ? AND time < ?
      ORDER BY time DESC
      LIMIT ?""";

  static QueryResult<TraceLog> run(Connection conn, String template, io.casefile.model.TimeRange range, int limit) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("template is required: the text of a log template, as the investigation shows it");
    }
    if (limit < 1 || limit > 20) {
      throw new IllegalArgumentException("log examples: limit must be 1..20, got " + limit);
    }
    return Queries.run(conn, SQL, List.of(template, range.from(), range.to(), limit), rs -> {
      long id = rs.getLong(6);
      Long templateId = rs.wasNull() ? null : id;
      return new TraceLog(Sql.ofMicros(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
          rs.getString(5), templateId, rs.getString(7));
    });
  }
}
