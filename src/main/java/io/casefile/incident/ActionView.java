package io.casefile.incident;

import java.time.Instant;

/**
 * An action as it stands now: its observation window, its state (observing until the window
 * ends, then awaiting measurement, then measured), whether another change overlapped it, and its
 * measured effect once recorded.
 */
public record ActionView(
    long seq, Instant at, String author, EntryBody.Action action, Instant windowEnd, String state,
    boolean confounded, EntryBody.Effect effect) {

  public static final String OBSERVING = "observing";
  public static final String AWAITING_MEASUREMENT = "awaiting_measurement";
  public static final String MEASURED = "measured";

  public boolean windowOpenAt(Instant t) {
    return !t.isBefore(at) && t.isBefore(windowEnd);
  }
}
