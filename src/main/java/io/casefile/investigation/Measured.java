package io.casefile.investigation;

import java.util.Objects;

/** A query's result together with the SQL (values inlined) that reproduces it, for evidence. */
public record Measured<T>(T value, String sql) {
  public Measured {
    Objects.requireNonNull(sql, "sql");
  }
}
