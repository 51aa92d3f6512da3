package io.casefile.drill;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The clock of a drill server: simulated time that either runs {@code speed} times faster than
 * real time from {@code origin} (a live drill), or moves only when told (tests, replays). A paced
 * clock never runs ahead of the simulated world: while the world has not reached a time, the
 * clock waits there (on a busy machine the drill runs slower than {@code speed}, never with gaps).
 */
public final class DrillClock implements InstantSource {
  private final double speed;
  private long realOrigin;
  private Instant origin;
  private Instant limit;

  private DrillClock(Instant origin, double speed) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.speed = speed;
    this.realOrigin = System.nanoTime();
  }

  /** Simulated time from {@code origin}, running {@code speed} times faster than real time. */
  public static DrillClock paced(Instant origin, double speed) {
    if (!(speed >= 1) || speed > 1000) {
      throw new IllegalArgumentException("--speed must be between 1 and 1000 (simulated seconds per second), got "
          + speed);
    }
    return new DrillClock(origin, speed);
  }

  /** Simulated time that stands still until {@link #advance} moves it. */
  public static DrillClock manual(Instant origin) {
    return new DrillClock(origin, 0);
  }

  public boolean paced() {
    return speed > 0;
  }

  public double speed() {
    return speed;
  }

  @Override
  public synchronized Instant instant() {
    if (speed == 0) {
      return origin;
    }
    long now = System.nanoTime();
    Instant paced = origin.plusNanos((long) ((now - realOrigin) * speed));
    if (limit != null && paced.isAfter(limit)) {
      origin = limit;
      realOrigin = now;
      paced = limit;
    }
    return paced.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** How far the world has been played: a paced clock does not pass it (null: no limit). */
  synchronized void limit(Instant worldReached) {
    this.limit = worldReached;
  }

  /** Moves a manual clock forward. */
  public synchronized void advance(Duration d) {
    if (speed != 0) {
      throw new IllegalStateException("a paced drill clock moves by itself");
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward, got " + d);
    }
    origin = origin.plus(d);
  }
}
