package io.casefile.store;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends log records and metric points on one writer connection (thread handling as in SpanWriter). */
final class LogAndMetricWriter implements AutoCloseable {
  private final DuckDBConnection conn;
  private DuckDBAppender logs;
  private DuckDBAppender metrics;
  private Lock logsLock;
  private Lock metricsLock;

  LogAndMetricWriter(DuckDBConnection conn) {
    this.conn = conn;
  }

  void appendLogs(List<LogRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (logs == null) {
      logs = conn.createAppender("logs");
      logsLock = logs.unsafeBreakThreadConfinement();
    }
    logsLock.lock();
    try {
      appendLogRows(rows);
    } finally {
      logsLock.unlock();
    }
  }

  private void appendLogRows(List<LogRow> rows) throws SQLException {
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
      metricsLock = metrics.unsafeBreakThreadConfinement();
    }
    metricsLock.lock();
    try {
      appendMetricRows(rows);
    } finally {
      metricsLock.unlock();
    }
  }

  private void appendMetricRows(List<MetricPoint> rows) throws SQLException {
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
      locked(logsLock, logs::flush);
    }
    if (metrics != null) {
      locked(metricsLock, metrics::flush);
    }
  }

  private interface SqlAction {
    Object run() throws SQLException;
  }

  private static void locked(Lock lock, SqlAction action) throws SQLException {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
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
      DuckDBAppender l = logs;
      logs = null;
      locked(logsLock, () -> {
        l.close();
        return null;
      });
    }
    if (metrics != null) {
      DuckDBAppender m = metrics;
      metrics = null;
      locked(metricsLock, () -> {
        m.close();
        return null;
      });
    }
  }
}
