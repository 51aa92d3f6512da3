package io.casefile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A feature's access to its own tables (those its {@link Schema} declares), on a connection of its
 * own that the store opened. Statements run one at a time, in call order; each write outside
 * {@link #inTransaction} commits by itself, so it is durable when the call returns. Values bind as in
 * every store query ({@link Sql#bind}: an {@code Instant} as a UTC timestamp), rows are read through a
 * {@link Row}, and a failure is a {@link StoreException} naming the statement with its values.
 */
public final class FeatureTables implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Maps the current row; called once per row, in order. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(Row row);
  }

  private final Connection conn;
  private final String description;
  private boolean closed;

  FeatureTables(Connection conn, String description) {
    this.conn = conn;
    this.description = description;
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
  public synchronized int update(String sql, List<?> params) {
    open();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      Sql.bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("update failed: " + e.getMessage() + " -- " + Sql.inline(sql, params), e);
    }
  }

  /** The mapped rows of a query, in the order it returns them (a mapper may answer null). */
  public synchronized <T> List<T> list(String sql, List<?> params, RowMapper<T> mapper) {
    open();
    List<T> rows = new ArrayList<>();
    Queries.forEach(conn, sql, params, rs -> {
      try {
        rows.add(mapper.map(new Row(rs)));
      } catch (Row.ColumnFailure f) {
        throw f.getCause();
      }
    });
    return rows;
  }

  /** The next value of one of the feature's sequences. */
  public synchronized long nextval(String sequence) {
    if (sequence == null || !NAME.matcher(sequence).matches()) {
      throw new IllegalArgumentException("not a sequence name: " + sequence);
    }
    return list("SELECT nextval(" + Sql.literal(sequence) + ")", List.of(), r -> r.longValue(1)).get(0);
  }

  /**
   * Runs {@code work} (this handle's own statements) in one transaction: committed when it returns,
   * rolled back when it throws. Other callers of this handle wait meanwhile.
   */
  public synchronized <T> T inTransaction(Supplier<T> work) {
    execute("BEGIN TRANSACTION");
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      try {
        execute("ROLLBACK");
      } catch (StoreException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    execute("COMMIT");
    return result;
  }

  /** Whether the database has this table (one written by an older release may lack it). */
  public synchronized boolean hasTable(String table) {
    return !list("SELECT 1 FROM information_schema.tables WHERE table_name = ?", List.of(table), r -> 1).isEmpty();
  }

  private void execute(String sql) {
    open();
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new StoreException(sql + " failed: " + e.getMessage(), e);
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the feature tables of " + description + " are closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      conn.close();
    } catch (SQLException e) {
      throw new StoreException("closing the feature tables of " + description + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "FeatureTables{" + description + "}";
  }
}
