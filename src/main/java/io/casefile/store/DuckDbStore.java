package io.casefile.store;

import io.casefile.model.ChangeEvent;
import io.casefile.model.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB database (a file, or in memory) with one owning connection for
 * writes. Writes come in groups, each one transaction made durable by a single COMMIT; readers get
 * duplicate connections of the same database.
 */
public final class DuckDbStore implements TelemetryStore {
  /** Attribute columns beyond this many are not created; their values are dropped and counted. */
  public static final int DEFAULT_MAX_ATTRIBUTE_COLUMNS = 2_000;

  private final DuckDBConnection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final SpanWriter spans;
  private final LogAndMetricWriter logsAndMetrics;
  private final ServiceVersions versions;
  private final String description;
  private volatile boolean closed;

  private DuckDbStore(DuckDBConnection writer, List<Schema> schemas, String description) throws SQLException {
    this.writer = writer;
    this.description = description;
    new SchemaMigrator(writer).apply(schemas);
    this.spans = new SpanWriter(writer, DEFAULT_MAX_ATTRIBUTE_COLUMNS);
    this.logsAndMetrics = new LogAndMetricWriter(writer);
    this.versions = new ServiceVersions(writer);
  }

  /** Opens (creating when absent) {@code DIR/casefile.duckdb} with every registered schema. */
  public static DuckDbStore openDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    return open(dir.resolve("casefile.duckdb"), Schemas.all());
  }

  /** Opens a database file (null: in memory) and applies the schemas in order. */
  public static DuckDbStore open(Path file, List<Schema> schemas) {
    String url = file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath();
    try {
      DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection(url);
      try {
        return new DuckDbStore(c, schemas, file == null ? "in-memory DuckDB" : file.toString());
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot open database " + (file == null ? "in memory" : file)
          + ": " + e.getMessage(), e);
    }
  }

  public static DuckDbStore inMemory() {
    return open(null, Schemas.all());
  }

  /**
   * A new connection to the same database for reading (or for a feature's own tables); the
   * caller closes it. Cheap: it shares the database instance.
   */
  public Connection connection() {
    try {
      return writer.duplicate();
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to " + description + ": " + e.getMessage(), e);
    }
  }

  /** Runs a read with a fresh duplicate connection. */
  public <T> T read(Function<Connection, T> query) {
    try (Connection c = connection()) {
      return query.apply(c);
    } catch (SQLException e) {
      throw new StoreException("closing a reader failed: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a group of batches in one transaction; when this returns, the rows are committed
   * (and the WAL synced, so they survive a crash). Returns the deploy changes derived from new
   * service versions.
   */
  public List<ChangeEvent> write(List<TelemetryBatch> group, Instant now) {
    writeLock.lock();
    try {
      spans.ensureColumns(group);
      try (Statement st = writer.createStatement()) {
        st.execute("BEGIN TRANSACTION");
        try {
          for (TelemetryBatch b : group) {
            spans.append(b.spans());
            logsAndMetrics.appendLogs(b.logs());
            logsAndMetrics.appendMetrics(b.metrics());
          }
          spans.flush();
          logsAndMetrics.flush();
          List<ChangeEvent> derived = versions.record(writer, group, now);
          st.execute("COMMIT");
          return derived;
        } catch (SQLException | RuntimeException e) {
          abort(st);
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("writing " + group.size() + " batches failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  private void abort(Statement st) {
    try {
      spans.closeAppender();
      logsAndMetrics.close();
      st.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  /** Records a change event durably; returns false when one with the same id already exists. */
  public boolean recordChange(ChangeEvent change, Instant receivedAt) {
    writeLock.lock();
    try {
      return ChangeWriter.insert(writer, change, receivedAt);
    } catch (SQLException e) {
      throw new StoreException("recording change " + change.id() + " failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Deletes telemetry older than the cutoff (retention); changes are kept. Returns rows deleted. */
  public long deleteOlderThan(Instant cutoff) {
    writeLock.lock();
    try {
      long n = 0;
      for (String sql : List.of("DELETE FROM spans WHERE start_time < ?", "DELETE FROM logs WHERE time < ?",
          "DELETE FROM metric_points WHERE time < ?")) {
        try (PreparedStatement ps = writer.prepareStatement(sql)) {
          Sql.bind(ps, List.of(cutoff));
          n += ps.executeUpdate();
        }
      }
      return n;
    } catch (SQLException e) {
      throw new StoreException("retention delete failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Attribute keys seen but not stored because {@link #DEFAULT_MAX_ATTRIBUTE_COLUMNS} was reached. */
  public long droppedAttributeKeys() {
    return spans.droppedKeys();
  }

  @Override
  public QueryResult<ServiceSummary> services() {
    return read(SelectServices::run);
  }

  @Override
  public QueryResult<FlowStats> flows(TimeRange range) {
    return read(c -> SelectFlows.run(c, range));
  }

  @Override
  public QueryResult<ChangeEvent> changes(TimeRange range, String service) {
    return read(c -> SelectChanges.run(c, range, service));
  }

  @Override
  public QueryResult<AttributeKey> attributeKeys() {
    List<String> keys;
    writeLock.lock();
    try {
      keys = spans.keys();
    } finally {
      writeLock.unlock();
    }
    return read(c -> SelectAttributeKeys.run(c, keys));
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      spans.close();
      logsAndMetrics.close();
      try (Statement st = writer.createStatement()) {
        st.execute("CHECKPOINT");
      }
      writer.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + description + " failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "DuckDbStore{" + description + "}";
  }
}
