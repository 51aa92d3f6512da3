package io.casefile.analysis.effect;

import java.time.Instant;
import java.util.Objects;

/** Requests and errors counted in one time bucket starting at {@code start}. */
public record Bucket(Instant start, long requests, long errors) {
  public Bucket {
    Objects.requireNonNull(start, "bucket start");
    if (requests < 0 || errors < 0 || errors > requests) {
      throw new IllegalArgumentException(
          "bucket needs 0 <= errors <= requests, got errors=" + errors + " requests=" + requests + " at " + start);
    }
  }
}
