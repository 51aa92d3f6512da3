package io.casefile.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * The fixed header of an incident, written once when it is opened. Everything that changes later
 * (status, actions, hypotheses) is an entry in its log. A {@code drill} is a practice incident:
 * kept apart from real ones in lists and webhooks.
 */
public record Incident(
    String id,
    String title,
    Severity severity,
    String commander,
    IncidentSymptom symptom,
    Instant openedAt,
    String openedBy,
    boolean drill) {

  /** A real (not practice) incident. */
  public Incident(String id, String title, Severity severity, String commander, IncidentSymptom symptom,
      Instant openedAt, String openedBy) {
    this(id, title, severity, commander, symptom, openedAt, openedBy, false);
  }

  public Incident {
    if (id == null || !id.matches("INC-[0-9]+")) {
      throw new IllegalArgumentException("incident id must look like INC-12, got: " + id);
    }
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("incident title is required");
    }
    if (title.length() > 500) {
      throw new IllegalArgumentException("incident title is longer than 500 characters");
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(openedAt, "openedAt");
    symptom = symptom == null ? IncidentSymptom.unknown() : symptom;
    commander = commander == null || commander.isBlank() ? null : commander;
    openedBy = openedBy == null || openedBy.isBlank() ? "unknown" : openedBy;
  }
}
