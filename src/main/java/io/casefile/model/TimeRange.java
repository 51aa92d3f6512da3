package io.casefile.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval [from, to). */
public record TimeRange(Instant from, Instant to) {
  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("time range must have from before to, got " + from + " .. " + to);
    }
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}
