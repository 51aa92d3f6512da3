package io.casefile.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends spans, one real column per attribute key (added on first sight with a metadata-only
 * {@code ALTER TABLE}). Used only by the store's single writer thread.
 */
final class SpanWriter implements AutoCloseable {
  static final List<String> FIXED_COLUMNS = List.of("trace_id", "span_id", "parent_span_id",
      "start_time", "duration_us", "kind", "name", "status", "status_message", "service",
      "operation", "is_request", "is_error");
  private static final Set<String> FIXED = Set.copyOf(FIXED_COLUMNS);

  private final DuckDBConnection conn;
  private final int maxAttributeColumns;
  private final Map<String, Integer> slotOfKey = new HashMap<>();
  private final List<String> keys = new ArrayList<>();
  private DuckDBAppender appender;
  private String[] slots = new String[0];
  private long droppedKeys;

  SpanWriter(DuckDBConnection conn, int maxAttributeColumns) throws SQLException {
    this.conn = conn;
    this.maxAttributeColumns = maxAttributeColumns;
    try (var st = conn.createStatement();
        var rs = st.executeQuery("SELECT column_name FROM duckdb_columns() "
            + "WHERE table_name = 'spans' AND schema_name = 'main' ORDER BY column_index")) {
      int i = 0;
      while (rs.next()) {
        String column = rs.getString(1);
        if (i++ >= FIXED_COLUMNS.size()) {
          String key = column.startsWith("attr.") && FIXED.contains(column.substring(5))
              ? column.substring(5) : column;
          slotOfKey.put(key, keys.size());
          keys.add(key);
        }
      }
    }
    slots = new String[keys.size()];
  }

  /** The column that holds an attribute key: the key itself, or {@code attr.<key>} for a fixed name. */
  static String columnOf(String key) {
    return FIXED.contains(key) ? "attr." + key : key;
  }

  /** Attribute keys with a column, in column order. */
  List<String> keys() {
    return List.copyOf(keys);
  }

  /** Keys seen but not stored because the column limit was reached. */
  long droppedKeys() {
    return droppedKeys;
  }

  /** Adds columns for keys not seen before. Runs outside the group's transaction (DDL). */
  void ensureColumns(List<TelemetryBatch> group) throws SQLException {
    List<String> fresh = null;
    for (TelemetryBatch b : group) {
      for (SpanRow s : b.spans()) {
        for (int i = 0; i < s.attrCount(); i++) {
          String k = s.attrKeys()[i];
          if (!slotOfKey.containsKey(k) && (fresh == null || !fresh.contains(k))) {
            if (fresh == null) {
              fresh = new ArrayList<>();
            }
            fresh.add(k);
          }
        }
      }
    }
    if (fresh == null) {
      return;
    }
    closeAppender();
    try (Statement st = conn.createStatement()) {
      for (String k : fresh) {
        if (keys.size() >= maxAttributeColumns) {
          droppedKeys++;
          continue;
        }
        st.execute("ALTER TABLE spans ADD COLUMN IF NOT EXISTS " + Sql.quote(columnOf(k)) + " VARCHAR");
        slotOfKey.put(k, keys.size());
        keys.add(k);
      }
    }
    slots = new String[keys.size()];
  }

  void append(List<SpanRow> spans) throws SQLException {
    if (spans.isEmpty()) {
      return;
    }
    if (appender == null) {
      appender = conn.createAppender("spans");
    }
    DuckDBAppender a = appender;
    String[] row = slots;
    for (SpanRow s : spans) {
      a.beginRow();
      a.appendUUID(s.traceIdHigh(), s.traceIdLow());
      a.append(s.spanId());
      if (s.parentSpanId() == 0) {
        a.appendNull();
      } else {
        a.append(s.parentSpanId());
      }
      a.appendEpochMicros(s.startMicros());
      a.append(s.durationMicros());
      a.append((byte) s.kind());
      a.append(s.name());
      a.append((byte) s.status());
      appendNullable(a, s.statusMessage() == null || s.statusMessage().isEmpty() ? null : s.statusMessage());
      a.append(s.service());
      a.append(s.operation());
      a.append(s.request());
      a.append(s.error());
      Arrays.fill(row, null);
      String[] k = s.attrKeys();
      String[] v = s.attrValues();
      for (int i = 0; i < s.attrCount(); i++) {
        Integer slot = slotOfKey.get(k[i]);
        if (slot != null) {
          row[slot] = v[i];
        }
      }
      for (String cell : row) {
        appendNullable(a, cell);
      }
      a.endRow();
    }
  }

  void flush() throws SQLException {
    if (appender != null) {
      appender.flush();
    }
  }

  private static void appendNullable(DuckDBAppender a, String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  void closeAppender() throws SQLException {
    if (appender != null) {
      appender.close();
      appender = null;
    }
  }

  @Override
  public void close() throws SQLException {
    closeAppender();
  }
}
