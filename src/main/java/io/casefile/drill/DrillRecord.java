package io.casefile.drill;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A drill as kept: who responded, when, the incident it opened and, once it has ended, its score
 * and debrief (JSON). {@code status} is {@code running}, {@code ended} or {@code abandoned} (the
 * drill stopped before it paged, or its server stopped while it ran).
 */
public record DrillRecord(String id, String responder, String scenario, long seed, double speed, Instant startedAt,
    Instant worldEnd, String status, String incidentId, Instant pagedAt, String page, Instant endedAt, Integer score,
    String debrief) {
  public static final String RUNNING = "running";
  public static final String ENDED = "ended";
  public static final String ABANDONED = "abandoned";

  public DrillRecord {
    Objects.requireNonNull(id, "id");
    if (!Set.of(RUNNING, ENDED, ABANDONED).contains(status)) {
      throw new IllegalArgumentException("drill status must be running, ended or abandoned, got " + status);
    }
  }

  public boolean running() {
    return status.equals(RUNNING);
  }
}
