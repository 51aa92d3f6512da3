package io.casefile.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** One writer connection with its appenders; used by one thread at a time. */
final class WriterSlot implements AutoCloseable {
  final DuckDBConnection conn;
  final SpanWriter spans;
  final LogAndMetricWriter logsAndMetrics;

  WriterSlot(DuckDBConnection conn, SpanColumns columns) {
    this.conn = conn;
    this.spans = new SpanWriter(conn, columns);
    this.logsAndMetrics = new LogAndMetricWriter(conn);
  }

  /** Appends the group in one transaction and commits it. */
  void writeAndCommit(List<TelemetryBatch> group) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        for (TelemetryBatch b : group) {
          spans.append(b.spans());
          logsAndMetrics.appendLogs(b.logs());
          logsAndMetrics.appendMetrics(b.metrics());
        }
        spans.flush();
        logsAndMetrics.flush();
        st.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        abort(st);
        throw e;
      }
    }
  }

  void abort(Statement st) {
    try {
      spans.closeAppender();
      logsAndMetrics.close();
      st.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      spans.close();
      logsAndMetrics.close();
    } finally {
      conn.close();
    }
  }
}
