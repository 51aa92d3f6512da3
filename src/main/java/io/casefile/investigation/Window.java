package io.casefile.investigation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;

/**
 * A measured window [from, to): requests, bad events ({@code errors}: failed requests, or for a
 * latency signal requests slower than the baseline quantile) and the signal's value, in {@code unit}
 * ({@code ratio} for the error rate, {@code ms} for a latency quantile, {@code per_minute} for
 * throughput).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Window(Instant from, Instant to, long requests, long errors, double value, String unit) {
  public Window {
    Objects.requireNonNull(from, "window from");
    Objects.requireNonNull(to, "window to");
    Objects.requireNonNull(unit, "window unit");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("window must have from <= to, got " + from + " .. " + to);
    }
    if (requests < 0 || errors < 0 || errors > requests) {
      throw new IllegalArgumentException(
          "window counts must satisfy 0 <= errors <= requests, got errors=" + errors + " requests=" + requests);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("window value must be finite, got " + value);
    }
  }

  /** The error rate, 0 when there were no requests. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  public double minutes() {
    return java.time.Duration.between(from, to).toMillis() / 60_000.0;
  }
}
