package io.casefile.investigation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Identifier quoting, UTC timestamps and the inlined SQL text shown as evidence (never executed). */
final class Sql {
  private Sql() {}

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** TIMESTAMP columns hold UTC wall-clock time. */
  static LocalDateTime utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static Instant instant(java.sql.Timestamp t) {
    return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  static String inline(String sql, List<Object> params) {
    StringBuilder out = new StringBuilder(sql.length() + 64);
    int p = 0;
    char open = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (open == 0 && (ch == '"' || ch == '\'')) {
        open = ch;
      } else if (ch == open) {
        open = 0;
      }
      if (ch == '?' && open == 0 && p < params.size()) {
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
}
