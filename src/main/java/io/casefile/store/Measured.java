package io.casefile.store;

import java.util.Objects;

/**
 * A source's answer to one read together with the query that reproduces it (SQL with the values
 * inlined, or PromQL), for evidence. A source that cannot answer a part (a metrics backend holds no
 * spans) returns {@link #unavailable(String, String)}: no value, and the reason, which the
 * investigation reports as a part it could not examine.
 */
public record Measured<T>(T value, String query, String unavailable) {
  public Measured {
    Objects.requireNonNull(query, "query");
    if (unavailable != null && value != null) {
      throw new IllegalArgumentException("an unavailable answer has no value, got " + value);
    }
  }

  public Measured(T value, String query) {
    this(value, query, null);
  }

  /** The part ({@code traces}, {@code logs}, {@code metrics}…) this source cannot answer, and why. */
  public static <T> Measured<T> unavailable(String part, String reason) {
    return new Measured<>(null, "-- not available from this source: " + reason, part + ": " + reason);
  }

  public boolean available() {
    return unavailable == null;
  }
}
