package io.casefile.store.signals;

import io.casefile.store.Queries;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameterised query and its values. {@link #toString()} inlines the values so the text can be
 * rerun in any DuckDB shell; that text is the evidence's query.
 */
final class BoundQuery {
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

  /** Runs the query; a database failure is a {@link io.casefile.store.StoreException} naming the query. */
  <T> List<T> rows(Connection db, Queries.RowMapper<T> mapper) {
    return Queries.list(db, sql, params, mapper);
  }


  @Override
  public String toString() {
    return Sql.inline(sql, params);
  }
}
