package io.casefile.signals;

import io.casefile.store.Sql;
import io.casefile.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameterised query and its values. {@link #toString()} inlines the values so the text can be
 * rerun in any DuckDB shell; that text is the evidence's query.
 */
final class BoundQuery {
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Appends SQL text, fragments and bound values in order. */
  static final class Builder {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Builder sql(String text) {
      sql.append(text);
      return this;
    }

    Builder sql(SpanSql.Fragment f) {
      sql.append(f.sql());
      params.addAll(f.params());
      return this;
    }

    /** A {@code ?} bound to the value. */
    Builder value(Object v) {
      sql.append('?');
      params.add(v);
      return this;
    }

    BoundQuery build() {
      return new BoundQuery(sql.toString(), params);
    }
  }

  private final String sql;
  private final List<Object> params;

  BoundQuery(String sql, List<?> params) {
    this.sql = sql;
    this.params = List.copyOf(params);
  }

  /** Runs the query; a database failure is a {@link StoreException} naming the query. */
  <T> List<T> rows(Connection db, RowMapper<T> mapper) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      Sql.bind(ps, params);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("signal query failed: " + e.getMessage() + " -- " + this, e);
    }
  }

  @Override
  public String toString() {
    return Sql.inline(sql, params);
  }
}
