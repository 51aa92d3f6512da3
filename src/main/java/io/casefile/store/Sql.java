package io.casefile.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Identifier quoting, parameter binding and the reproducible text of a parameterised query. */
public final class Sql {
  private Sql() {}

  /** A double-quoted identifier; any name, including one from telemetry, is safe. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A SQL literal for a bound value, to show the query as it ran. */
  public static String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Instant i) {
      return "TIMESTAMP '" + timestampText(i) + "'";
    }
    if (value instanceof LocalDateTime t) {
      return "TIMESTAMP '" + t.toString().replace('T', ' ') + "'";
    }
    return "'" + value.toString().replace("'", "''") + "'";
  }

  /**
   * The SQL with each {@code ?} replaced by its literal: reproduces the query in any DuckDB shell.
   * A {@code ?} inside a string literal or a quoted identifier is left alone.
   */
  public static String inline(String sql, List<?> params) {
    StringBuilder out = new StringBuilder(sql.length() + 16 * params.size());
    int p = 0;
    char open = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (open == 0 && (c == '"' || c == '\'')) {
        open = c;
      } else if (c == open) {
        open = 0;
      }
      if (c == '?' && open == 0 && p < params.size()) {
        out.append(literal(params.get(p++)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Binds values in order; Instants become UTC timestamps. */
  public static void bind(PreparedStatement ps, List<?> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object v = params.get(i);
      if (v instanceof Instant instant) {
        ps.setString(i + 1, timestampText(instant));
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }

  /**
   * The UTC text of an Instant as DuckDB reads it for a TIMESTAMP ({@code 2026-01-02 03:04:05.123456}).
   * Timestamps are bound as this text and read back with {@code epoch_us(col)}, so no JVM time zone
   * ever touches them.
   */
  public static String timestampText(Instant i) {
    LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    return String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d", t.getYear(), t.getMonthValue(),
        t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
  }

  /** An Instant from a nullable {@code epoch_us(...)} column value. */
  public static Instant instantOfMicros(Object micros) {
    return micros == null ? null : ofMicros(((Number) micros).longValue());
  }

  /** Microseconds since the epoch of an Instant. */
  public static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  /** An Instant from microseconds since the epoch. */
  public static Instant ofMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
