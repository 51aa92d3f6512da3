package io.casefile.incident;

/** The incident id names no incident (HTTP 404). */
public final class UnknownIncident extends RuntimeException {
  public UnknownIncident(String id) {
    super("no incident with id " + id, null, false, false);
  }
}
