package io.casefile.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Duration;
import java.util.Locale;

/** Incident severity, SEV1 the worst; each level carries its status-update cadence. */
public enum Severity {
  SEV1(Duration.ofMinutes(15)),
  SEV2(Duration.ofMinutes(30)),
  SEV3(Duration.ofMinutes(60)),
  SEV4(Duration.ofHours(4));

  private final Duration updateCadence;

  Severity(Duration updateCadence) {
    this.updateCadence = updateCadence;
  }

  /** How often a status update is due while the incident is open. */
  public Duration updateCadence() {
    return updateCadence;
  }

  /** Parses {@code SEV2}, {@code sev2} or {@code 2}. */
  @JsonCreator
  public static Severity parse(String value) {
    if (value != null) {
      String v = value.trim().toUpperCase(Locale.ROOT);
      if (v.matches("[1-4]")) {
        v = "SEV" + v;
      }
      for (Severity s : values()) {
        if (s.name().equals(v)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException("severity must be one of SEV1|SEV2|SEV3|SEV4, got: " + value);
  }
}
