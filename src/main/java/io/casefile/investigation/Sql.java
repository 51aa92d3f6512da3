package io.casefile.investigation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** UTC timestamps for the investigation's queries; quoting and the inlined evidence text are the store's. */
final class Sql {
  private Sql() {}

  static String quote(String identifier) {
    return io.casefile.store.Sql.quote(identifier);
  }

  /** TIMESTAMP columns hold UTC wall-clock time. */
  static LocalDateTime utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static Instant instant(java.sql.Timestamp t) {
    return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  static String inline(String sql, List<Object> params) {
    return io.casefile.store.Sql.inline(sql, params);
  }
}
