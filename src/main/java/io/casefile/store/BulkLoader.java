package io.casefile.store;

import io.casefile.model.ChangeEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Loads already-durable ingest (see the ingest log) into the store in long transactions: batches
 * are appended as they arrive and committed together with the log position they reach, so a
 * restart resumes exactly after the last committed batch. Large transactions let DuckDB write
 * whole compressed row groups straight to the file instead of through its WAL.
 *
 * <p>Used by one thread. The transaction holds the store's schema read lock; adding attribute
 * columns commits first.
 */
public final class BulkLoader implements AutoCloseable {
  private final WriterSlot slot;
  private final SpanColumns columns;
  private final ReentrantReadWriteLock schemaLock;
  private final ReentrantLock versionsLock;
  private final ServiceVersions versions;
  private ServiceVersions.Delta delta = new ServiceVersions.Delta();
  private final List<ChangeEvent> derived = new ArrayList<>();
  private Statement tx;
  private long rows;
  private long appendedPosition;
  private long loadedPosition;

  BulkLoader(WriterSlot slot, SpanColumns columns, ReentrantReadWriteLock schemaLock, ReentrantLock versionsLock,
      ServiceVersions versions) throws SQLException {
    this.slot = slot;
    this.columns = columns;
    this.schemaLock = schemaLock;
    this.versionsLock = versionsLock;
    this.versions = versions;
    try (Statement st = slot.conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT position FROM ingest_log_position WHERE id = 1")) {
      loadedPosition = rs.next() ? rs.getLong(1) : 0;
    }
    appendedPosition = loadedPosition;
  }

  /** The ingest log position up to which everything is committed in the store. */
  public long loadedPosition() {
    return loadedPosition;
  }

  /** The log position of the last appended batch (committed or not). */
  public long appendedPosition() {
    return appendedPosition;
  }

  /** Rows appended in the open transaction. */
  public long pendingRows() {
    return rows;
  }

  /** Appends a batch that ends at {@code position} in the ingest log. */
  public void append(TelemetryBatch batch, long position) {
    try {
      List<TelemetryBatch> one = List.of(batch);
      if (!columns.complete(one)) {
        commitOpen();
        schemaLock.writeLock().lock();
        try {
          columns.add(slot.conn, columns.missing(one));
        } finally {
          schemaLock.writeLock().unlock();
        }
      }
      if (tx == null) {
        schemaLock.readLock().lock();
        tx = slot.conn.createStatement();
        tx.execute("BEGIN TRANSACTION");
      }
      slot.spans.append(batch.spans());
      slot.logsAndMetrics.appendLogs(batch.logs());
      slot.logsAndMetrics.appendMetrics(batch.metrics());
      delta.add(batch.spans());
      rows += batch.size();
      appendedPosition = position;
    } catch (SQLException e) {
      rollback();
      throw new StoreException("loading a batch failed: " + e.getMessage(), e);
    }
  }

  /**
   * Commits the open transaction with the position reached, then records service versions;
   * returns the deploy changes derived since the last call.
   */
  public List<ChangeEvent> commit(Instant now) {
    try {
      commitOpen();
      if (!delta.isEmpty()) {
        versionsLock.lock();
        try {
          derived.addAll(versions.record(slot.conn, delta, now));
        } finally {
          versionsLock.unlock();
        }
        delta = new ServiceVersions.Delta();
      }
    } catch (SQLException e) {
      rollback();
      throw new StoreException("committing loaded batches failed: " + e.getMessage(), e);
    }
    List<ChangeEvent> out = List.copyOf(derived);
    derived.clear();
    return out;
  }

  private void commitOpen() throws SQLException {
    if (tx == null) {
      return;
    }
    slot.spans.flush();
    slot.logsAndMetrics.flush();
    try (PreparedStatement ps = slot.conn.prepareStatement("INSERT INTO ingest_log_position VALUES (1, ?) "
        + "ON CONFLICT (id) DO UPDATE SET position = excluded.position")) {
      ps.setLong(1, appendedPosition);
      ps.executeUpdate();
    }
    tx.execute("COMMIT");
    end();
    loadedPosition = appendedPosition;
    rows = 0;
  }

  /** Abandons the open transaction: nothing after {@link #loadedPosition()} is kept. */
  public void rollback() {
    if (tx != null) {
      slot.abort(tx);
      end();
    }
    rows = 0;
    appendedPosition = loadedPosition;
    delta = new ServiceVersions.Delta();
  }

  private void end() {
    try {
      tx.close();
    } catch (SQLException ignored) {
      // the transaction is already over
    } finally {
      tx = null;
      schemaLock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    rollback();
  }
}
