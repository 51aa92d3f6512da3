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

/**
 * Loads already-durable ingest (see the ingest log) into the store in long transactions: batches
 * are appended as they arrive and committed together with the log position they reach, so a
 * restart resumes exactly after the last committed batch. Large transactions let DuckDB write
 * whole compressed row groups straight to the file instead of through its WAL.
 *
 * <p>Used by one thread at a time (appending on one, committing on another is fine when they
 * hand over). Attribute keys are promoted to columns ({@link DuckDbStore#promoteKeys}) only
 * while no loader has a transaction open.
 */
public final class BulkLoader implements AutoCloseable {
  private final WriterSlot slot;
  private final ReentrantLock versionsLock;
  private final ServiceVersions versions;
  private ServiceVersions.Delta delta = new ServiceVersions.Delta();
  private final List<ChangeEvent> derived = new ArrayList<>();
  private Statement tx;
  private long rows;
  private volatile long appendedPosition;
  private volatile long loadedPosition;

  BulkLoader(WriterSlot slot, ReentrantLock versionsLock, ServiceVersions versions) throws SQLException {
    this.slot = slot;
    this.versionsLock = versionsLock;
    this.versions = versions;
    try (Statement st = slot.conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(position), 0) FROM ingest_log_loaded")) {
      rs.next();
      loadedPosition = rs.getLong(1);
    }
    appendedPosition = loadedPosition;
  }

  /** Keeps only the largest loaded position; call while no load transaction is open. */
  public void prunePositions() {
    try (PreparedStatement ps = slot.conn.prepareStatement("DELETE FROM ingest_log_loaded WHERE position < ?")) {
      ps.setLong(1, loadedPosition);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("pruning ingest log positions failed: " + e.getMessage(), e);
    }
  }

  /** Moves this loader's idea of what is loaded forward to a position another loader committed. */
  public void loadedElsewhere(long position) {
    if (tx != null) {
      throw new IllegalStateException("a load transaction is open");
    }
    loadedPosition = Math.max(loadedPosition, position);
    appendedPosition = Math.max(appendedPosition, loadedPosition);
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

  /** True while a transaction is open (rows appended and not yet committed or rolled back). */
  public boolean open() {
    return tx != null;
  }

  /**
   * Appends a batch that ends at {@code position} in the ingest log.
   */
  public void append(PreparedBatch prepared, long position) {
    TelemetryBatch batch = prepared.batch;
    try {
      if (tx == null) {
        tx = slot.conn.createStatement();
        tx.execute("BEGIN TRANSACTION");
      }
      slot.spans.append(batch.spans());
      slot.logsAndMetrics.appendLogs(batch.logs());
      slot.logsAndMetrics.appendMetrics(batch.metrics());
      delta.add(prepared.versions);
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
    try (PreparedStatement ps = slot.conn.prepareStatement("INSERT INTO ingest_log_loaded VALUES (?)")) {
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
    }
  }

  @Override
  public void close() {
    rollback();
  }
}
