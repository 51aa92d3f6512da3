package io.casefile.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How to lay a scenario out on the simulated clock: the data covers {@code start} to
 * {@code start + baseline + incident}; the scenario's change or fault lands at the end of the
 * baseline. {@code rate} is the mean number of user requests per second entering the shop.
 */
public record SimulationOptions(long seed, Instant start, Duration baseline, Duration incident, double rate) {
  public static final long DEFAULT_SEED = 7;
  public static final Duration DEFAULT_BASELINE = Duration.ofMinutes(60);
  public static final Duration DEFAULT_INCIDENT = Duration.ofMinutes(15);
  public static final double DEFAULT_RATE = 6;

  public SimulationOptions {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(incident, "incident");
    if (baseline.compareTo(Duration.ofMinutes(5)) < 0) {
      throw new IllegalArgumentException("baseline must be at least 5m, got " + baseline);
    }
    if (incident.compareTo(Duration.ofMinutes(6)) < 0 || incident.compareTo(Duration.ofHours(6)) > 0) {
      throw new IllegalArgumentException("incident must be between 6m and 6h, got " + incident);
    }
    if (!(rate > 0) || rate > 2000) {
      throw new IllegalArgumentException("rate must be in (0, 2000] requests/s, got " + rate);
    }
    if (start.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
      throw new IllegalArgumentException("start must be after 2000-01-01, got " + start);
    }
  }

  /** Options whose data ends at {@code end} (rounded down to the second). */
  public static SimulationOptions endingAt(Instant end, long seed, Duration baseline, Duration incident, double rate) {
    Instant e = end.truncatedTo(ChronoUnit.SECONDS);
    return new SimulationOptions(seed, e.minus(baseline).minus(incident), baseline, incident, rate);
  }

  /** The defaults of {@code casefile demo}, starting at the given time. */
  public static SimulationOptions defaults(Instant start) {
    return new SimulationOptions(DEFAULT_SEED, start, DEFAULT_BASELINE, DEFAULT_INCIDENT, DEFAULT_RATE);
  }

  public SimulationOptions withSeed(long newSeed) {
    return new SimulationOptions(newSeed, start, baseline, incident, rate);
  }

  public Instant end() {
    return start.plus(baseline).plus(incident);
  }

  /** When the scenario's change or fault lands. */
  public Instant injectionTime() {
    return start.plus(baseline);
  }
}
