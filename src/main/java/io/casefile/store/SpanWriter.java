package io.casefile.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends spans on one writer connection: an attribute whose key has a column of its own goes
 * there, every other one into the {@code attributes} map (and is counted for promotion). DuckDB appenders are
 * confined to their creating thread unless released with {@code unsafeBreakThreadConfinement};
 * the store's writer pool passes a writer between threads (never concurrently), so each use takes
 * that lock.
 */
final class SpanWriter implements AutoCloseable {
  private final DuckDBConnection conn;
  private final SpanColumns columns;
  private DuckDBAppender appender;
  /** The store hands a writer to one thread at a time, but not always the same thread. */
  private Lock confinement;
  private int appenderVersion = -1;
  private String[] slots = new String[0];
  /** By attribute position: the last key instance seen there and its slot (-1: no column). */
  private String[] lastKeys = new String[0];
  private int[] lastSlots = new int[0];
  /** By column: the last value instance appended there and its UTF-8 bytes. */
  private String[] lastValues = new String[0];
  private byte[][] lastBytes = new byte[0][];

  SpanWriter(DuckDBConnection conn, SpanColumns columns) {
    this.conn = conn;
    this.columns = columns;
  }

  void append(List<SpanRow> spans) throws SQLException {
    if (spans.isEmpty()) {
      return;
    }
    if (appender == null || appenderVersion != columns.version()) {
      closeAppender();
      appenderVersion = columns.version();
      appender = conn.createAppender("spans");
      confinement = appender.unsafeBreakThreadConfinement();
      slots = new String[columns.width()];
      lastKeys = new String[0];
      lastSlots = new int[0];
      lastValues = new String[SpanColumns.FIXED_COLUMNS.size() + slots.length];
      lastBytes = new byte[lastValues.length][];
    }
    DuckDBAppender a = appender;
    String[] row = slots;
    columns.usage().spans(spans.size());
    confinement.lock();
    try {
      appendRows(a, row, spans);
    } finally {
      confinement.unlock();
    }
  }

  private void appendRows(DuckDBAppender a, String[] row, List<SpanRow> spans) throws SQLException {
    int fixed = SpanColumns.FIXED_COLUMNS.size();
    int mapSlot = columns.mapSlot();
    KeyUsage usage = columns.usage();
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
      appendText(a, 6, s.name());
      a.append((byte) s.status());
      appendNullable(a, s.statusMessage() == null || s.statusMessage().isEmpty() ? null : s.statusMessage());
      appendText(a, 9, s.service());
      appendText(a, 10, s.operation());
      a.append(s.request());
      a.append(s.error());
      Arrays.fill(row, null);
      String[] k = s.attrKeys();
      String[] v = s.attrValues();
      if (lastKeys.length < s.attrCount()) {
        lastKeys = Arrays.copyOf(lastKeys, s.attrCount());
        lastSlots = Arrays.copyOf(lastSlots, s.attrCount());
      }
      Map<String, String> extra = null;
      for (int i = 0; i < s.attrCount(); i++) {
        int slot;
        if (k[i] == lastKeys[i]) {
          slot = lastSlots[i];
        } else {
          Integer found = columns.slot(k[i]);
          slot = found == null || found >= row.length ? -1 : found;
          lastKeys[i] = k[i];
          lastSlots[i] = slot;
        }
        if (slot >= 0) {
          row[slot] = v[i];
        } else {
          if (extra == null) {
            extra = new HashMap<>();
          }
          extra.put(k[i], v[i]);
          usage.observe(k[i], v[i]);
        }
      }
      for (int c = 0; c < row.length; c++) {
        if (c == mapSlot) {
          if (extra == null) {
            a.appendNull();
          } else {
            a.append(extra);
          }
        } else if (row[c] == null) {
          a.appendNull();
        } else {
          appendText(a, fixed + c, row[c]);
        }
      }
      a.endRow();
    }
  }

  /** Appends a string, encoding it once while the same instance repeats in a column. */
  private void appendText(DuckDBAppender a, int column, String value) throws SQLException {
    if (value != lastValues[column]) {
      lastValues[column] = value;
      lastBytes[column] = value.getBytes(StandardCharsets.UTF_8);
    }
    a.append(lastBytes[column]);
  }

  void flush() throws SQLException {
    if (appender != null) {
      confinement.lock();
      try {
        appender.flush();
      } finally {
        confinement.unlock();
      }
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
      confinement.lock();
      try {
        appender.close();
      } finally {
        confinement.unlock();
        appender = null;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    closeAppender();
  }
}
