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

  public static <T> QueryResult<T> run(Connection conn, String sql, List<?> params, RowMapper<T> mapper) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      Sql.bind(ps, params);
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return new QueryResult<>(rows, Sql.inline(sql, params));
    } catch (SQLException e) {
      throw new StoreException("query failed: " + e.getMessage() + " -- " + Sql.inline(sql, params), e);
    }
  }
}
