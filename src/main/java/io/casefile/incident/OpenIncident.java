package io.casefile.incident;

import io.casefile.investigation.Investigation;

/**
 * A request to open an incident: by hand (title, severity, symptom) or from an investigation,
 * whose symptom, severity and suspects seed the casefile when not given.
 */
public record OpenIncident(String title, Severity severity, String commander, String author,
    IncidentSymptom symptom, Investigation investigation) {
  public OpenIncident {
    Texts.require(title, "title");
    if (severity == null && investigation == null) {
      throw new IllegalArgumentException("severity is required (SEV1..SEV4) when no investigation is given");
    }
  }
}
