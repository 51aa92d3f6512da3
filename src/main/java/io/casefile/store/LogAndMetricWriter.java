package io.casefile.store;

import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends log records and metric points. Used only by the store's single writer thread. */
final class LogAndMetricWriter implements AutoCloseable {
  private final DuckDBConnection conn;
  private DuckDBAppender logs;
  private DuckDBAppender metrics;

  LogAndMetricWriter(DuckDBConnection conn) {
    this.conn = conn;
  }

  void appendLogs(List<LogRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (logs == null) {
      logs = conn.createAppender("logs");
    }
    for (LogRow r : rows) {
      logs.beginRow();
      logs.appendEpochMicros(r.timeMicros());
      if (r.observedMicros() == 0) {
        logs.appendNull();
      } else {
        logs.appendEpochMicros(r.observedMicros());
      }
      logs.append((byte) r.severityNumber());
      nullable(logs, r.severityText());
      nullable(logs, r.body());
      logs.append(r.service());
      if (r.traceIdHigh() == 0 && r.traceIdLow() == 0) {
        logs.appendNull();
      } else {
        logs.appendUUID(r.traceIdHigh(), r.traceIdLow());
      }
      if (r.spanId() == 0) {
        logs.appendNull();
      } else {
        logs.append(r.spanId());
      }
      if (r.templateId() == null) {
        logs.appendNull();
      } else {
        logs.append(r.templateId().longValue());
      }
      logs.append(r.attributes());
      logs.endRow();
    }
  }

  void appendMetrics(List<MetricPoint> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (metrics == null) {
      metrics = conn.createAppender("metric_points");
    }
    for (MetricPoint p : rows) {
      metrics.beginRow();
      metrics.appendEpochMicros(p.timeMicros());
      metrics.append(p.service());
      metrics.append(p.name());
      nullable(metrics, p.unit());
      metrics.append(p.kind());
      metrics.append(p.value());
      if (p.count() == null) {
        metrics.appendNull();
      } else {
        metrics.append(p.count().longValue());
      }
      if (p.bounds() == null) {
        metrics.appendNull();
      } else {
        metrics.append(p.bounds());
      }
      if (p.bucketCounts() == null) {
        metrics.appendNull();
      } else {
        metrics.append(p.bucketCounts());
      }
      metrics.append(p.attributes());
      metrics.endRow();
    }
  }

  void flush() throws SQLException {
    if (logs != null) {
      logs.flush();
    }
    if (metrics != null) {
      metrics.flush();
    }
  }

  private static void nullable(DuckDBAppender a, String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  @Override
  public void close() throws SQLException {
    if (logs != null) {
      logs.close();
      logs = null;
    }
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }
}
