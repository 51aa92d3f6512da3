package io.casefile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs a parameterised query and maps its rows; the answer carries the SQL with values inlined. */
public final class Queries {
  private Queries() {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Handles the current row of a result set. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  public static <T> QueryResult<T> run(Connection conn, String sql, List<?> params, RowMapper<T> mapper) {
    return new QueryResult<>(list(conn, sql, params, mapper), Sql.inline(sql, params));
  }

  /** The mapped rows (a mapper may answer null). */
  public static <T> List<T> list(Connection conn, String sql, List<?> params, RowMapper<T> mapper) {
    List<T> rows = new ArrayList<>();
    forEach(conn, sql, params, rs -> rows.add(mapper.map(rs)));
    return rows;
  }

  /** Runs the query and hands each row to {@code row}; a failure names the query. */
  public static void forEach(Connection conn, String sql, List<?> params, RowConsumer row) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      Sql.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("query failed: " + e.getMessage() + " -- " + Sql.inline(sql, params), e);
    }
  }
}
