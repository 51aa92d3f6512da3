package io.casefile.store;

import java.util.List;

/**
 * DDL a feature registers for the shared database file. Statements are applied in order at open,
 * each exactly once per database (tracked in {@code schema_migrations} by schema name and index),
 * so a later release appends statements (for example an {@code ALTER TABLE}) and never edits or
 * reorders the ones already shipped.
 */
public interface Schema {
  /** A stable name, e.g. {@code log_templates}. */
  String name();

  /** The DDL statements, in order. */
  List<String> statements();

  static Schema of(String name, List<String> statements) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("schema name is required");
    }
    List<String> copy = List.copyOf(statements);
    return new Schema() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> statements() {
        return copy;
      }
    };
  }
}
