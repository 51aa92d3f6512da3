package io.casefile.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Renders a parameterised statement with its values inlined, for evidence (never executed). */
final class SqlText {
  private SqlText() {}

  static String inline(String sql, List<Object> params) {
    StringBuilder out = new StringBuilder(sql.length() + 64);
    int p = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == '?' && p < params.size()) {
        out.append(literal(params.get(p++)));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  static String literal(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Number) {
      return v.toString();
    }
    if (v instanceof LocalDateTime t) {
      return "TIMESTAMP '" + t.toString().replace('T', ' ') + "'";
    }
    return "'" + v.toString().replace("'", "''") + "'";
  }

  /** TIMESTAMP columns hold UTC wall-clock time. */
  static LocalDateTime utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
