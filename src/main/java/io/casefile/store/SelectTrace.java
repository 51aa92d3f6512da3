package io.casefile.store;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The spans of one trace, oldest first, with their attributes; and the log records linked to it. */
final class SelectTrace {
  private SelectTrace() {}

  private static final Pattern HEX_TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final int FIXED = SpanColumns.FIXED_COLUMNS.size();

  static final String SPANS = """
      SELECT printf('%016x', span_id), CASE WHEN parent_span_id IS NULL THEN NULL ELSE printf('%016x', parent_span_id) END,
             epoch_us(start_time), *
      FROM spans WHERE trace_id = ?::UUID ORDER BY start_time, span_id""";

  static final String LOGS = """
      SELECT epoch_us(time), severity_text, service, CASE WHEN span_id IS NULL THEN NULL ELSE printf('%016x', span_id) END,
             body, template_id
      FROM logs WHERE trace_id = ?::UUID ORDER BY time""";

  /** The UUID text DuckDB stores for a 32-hex-digit trace id. */
  static String uuid(String traceId) {
    if (traceId == null || !HEX_TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException("a trace id is 32 hexadecimal digits, got '" + traceId + "'");
    }
    String t = traceId.toLowerCase(java.util.Locale.ROOT);
    return t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-" + t.substring(16, 20) + "-"
        + t.substring(20);
  }

  static QueryResult<StoredSpan> spans(Connection conn, String traceId) {
    String id = traceId.toLowerCase(java.util.Locale.ROOT);
    SpanAttributes registry = SpanAttributes.read(conn);
    Map<String, String> keyOfColumn = new java.util.HashMap<>();
    for (String k : registry.columnKeys()) {
      keyOfColumn.put(registry.column(k), k);
    }
    return Queries.run(conn, SPANS, List.of(uuid(traceId)), rs -> {
      ResultSetMetaData md = rs.getMetaData();
      int base = 3; // the three computed columns, then spans.*
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = base + FIXED + 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        String column = md.getColumnName(i);
        if (v instanceof Map<?, ?> map && column.equals(SpanColumns.MAP_COLUMN)) {
          map.forEach((k, x) -> attributes.putIfAbsent(String.valueOf(k), String.valueOf(x)));
        } else if (v != null) {
          attributes.put(keyOfColumn.getOrDefault(column, column), String.valueOf(v));
        }
      }
      return new StoredSpan(id, rs.getString(1), rs.getString(2), Sql.ofMicros(rs.getLong(3)),
          rs.getLong(base + 5), rs.getInt(base + 6), rs.getString(base + 7), rs.getInt(base + 8), rs.getString(base + 9),
          rs.getString(base + 10), rs.getString(base + 11), rs.getBoolean(base + 12), rs.getBoolean(base + 13), attributes);
    });
  }

  static QueryResult<TraceLog> logs(Connection conn, String traceId) {
    String id = traceId.toLowerCase(java.util.Locale.ROOT);
    return Queries.run(conn, LOGS, List.of(uuid(traceId)), rs -> {
      long template = rs.getLong(6);
      Long templateId = rs.wasNull() ? null : template;
      return new TraceLog(Sql.ofMicros(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
          rs.getString(5), templateId, id);
    });
  }
}
