package io.casefile.incident;

import io.casefile.investigation.Investigation;

/**
 * A request to open an incident: by hand (title, severity, symptom) or from an investigation,
 * whose symptom, severity and suspects seed the casefile when not given. {@code drill} opens a
 * practice incident.
 */
public record OpenIncident(String title, Severity severity, String commander, String author,
    IncidentSymptom symptom, Investigation investigation, boolean drill) {

  /** A request to open a real incident. */
  public OpenIncident(String title, Severity severity, String commander, String author, IncidentSymptom symptom,
      Investigation investigation) {
    this(title, severity, commander, author, symptom, investigation, false);
  }

  public OpenIncident {
    Texts.require(title, "title");
    if (severity == null && investigation == null) {
      throw new IllegalArgumentException("severity is required (SEV1..SEV4) when no investigation is given");
    }
  }
}
