package io.casefile.signals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameterised query and its values. {@link #toString()} inlines the values so the text can be
 * rerun in any DuckDB shell; that text is the evidence's query. Instants are bound as UTC
 * timestamp text, so no JVM time zone touches them.
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

  <T> List<T> rows(Connection db, RowMapper<T> mapper) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        Object v = params.get(i);
        ps.setObject(i + 1, v instanceof Instant t ? timestamp(t) : v);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new SignalQueryException("signal query failed: " + e.getMessage() + " -- " + this, e);
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String timestamp(Instant i) {
    LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    return String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d", t.getYear(), t.getMonthValue(),
        t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
  }

  private static String literal(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Instant i) {
      return "TIMESTAMP '" + timestamp(i) + "'";
    }
    return "'" + v.toString().replace("'", "''") + "'";
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(sql.length() + 24 * params.size());
    int p = 0;
    boolean inString = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        inString = !inString;
      }
      if (c == '?' && !inString && p < params.size()) {
        out.append(literal(params.get(p++)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
