package io.casefile.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval [from, to), within {@link #EARLIEST} .. {@link #LATEST}: telemetry times
 * (nanoseconds since 1970 in OTLP), and short enough that any length fits in a {@link Duration}'s
 * nanoseconds.
 */
public record TimeRange(Instant from, Instant to) {
  public static final Instant EARLIEST = Instant.parse("1950-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("time range must have from before to, got " + from + " .. " + to);
    }
    checkBounds(from, to);
  }

  /** Rejects times outside {@link #EARLIEST} .. {@link #LATEST}, naming the bad one. */
  public static void checkBounds(Instant from, Instant to) {
    for (Instant t : new Instant[] {from, to}) {
      if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
        throw new IllegalArgumentException("time " + t + " is outside the supported range " + EARLIEST + " .. " + LATEST);
      }
    }
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}
