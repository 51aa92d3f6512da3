package io.casefile.store;

import java.util.Objects;
import java.util.function.Function;

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

  /** The value turned into another, keeping the query; an unavailable answer stays unavailable. */
  public <U> Measured<U> map(Function<? super T, ? extends U> f) {
    return available() ? new Measured<>(f.apply(value), query) : new Measured<>(null, query, unavailable);
  }

  /** The value turned by {@code f}, or {@code otherwise} when the source cannot answer. */
  public <U> U orElse(Function<? super T, ? extends U> f, U otherwise) {
    return available() ? f.apply(value) : otherwise;
  }
}
