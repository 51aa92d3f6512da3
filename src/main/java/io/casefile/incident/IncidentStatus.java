package io.casefile.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The published status of an incident, in Statuspage's vocabulary. The normal path runs forward
 * (skipping is allowed); a mitigation that does not hold may send a mitigated or monitoring incident
 * back to investigating or identified; resolved is final.
 */
public enum IncidentStatus {
  INVESTIGATING, IDENTIFIED, MITIGATED, MONITORING, RESOLVED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static IncidentStatus parse(String value) {
    if (value != null) {
      for (IncidentStatus s : values()) {
        if (s.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException("status must be one of "
        + Arrays.stream(values()).map(IncidentStatus::wireName).collect(Collectors.joining("|"))
        + ", got: " + value);
  }

  /** Whether an incident in this status may move to {@code next}. */
  public boolean canMoveTo(IncidentStatus next) {
    if (this == RESOLVED || next == this) {
      return false;
    }
    if (next.ordinal() > ordinal()) {
      return true;
    }
    // back from a mitigation that did not hold
    return (this == MITIGATED || this == MONITORING) && (next == INVESTIGATING || next == IDENTIFIED);
  }
}
