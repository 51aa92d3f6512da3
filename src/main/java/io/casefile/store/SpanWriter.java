package io.casefile.store;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends spans on one writer connection, one real column per attribute key. DuckDB appenders are
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
      slots = new String[columns.keys().size()];
    }
    DuckDBAppender a = appender;
    String[] row = slots;
    confinement.lock();
    try {
      appendRows(a, row, spans);
    } finally {
      confinement.unlock();
    }
  }

  private void appendRows(DuckDBAppender a, String[] row, List<SpanRow> spans) throws SQLException {
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
        Integer slot = columns.slot(k[i]);
        if (slot != null && slot < row.length) {
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
