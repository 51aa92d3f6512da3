package io.casefile.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casefile.investigation.Investigation;
import io.casefile.model.JsonCodec;
import io.casefile.store.FeatureTables;
import io.casefile.store.Row;
import io.casefile.store.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Persists casefiles in the {@link IncidentSchema} tables: {@code incidents} holds each incident's
 * header (written once), {@code incident_entries} its append-only log keyed by (incident, seq).
 * Every write is one auto-committed statement, durable when it returns. Calls are serialised; the
 * repository owns its handle on the tables.
 */
public final class IncidentRepository implements AutoCloseable {
  private static final String INCIDENT = "SELECT id, title, severity, commander, symptom, epoch_us(opened_at), "
      + "opened_by, coalesce(drill, false) FROM incidents WHERE id = ?";

  private final FeatureTables tables;
  private final ObjectMapper json = JsonCodec.mapper();

  /** Takes ownership of the handle. */
  public IncidentRepository(FeatureTables tables) {
    this.tables = tables;
  }

  /** Instants are stored with microsecond precision; callers truncate before use. */
  static Instant micros(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  public synchronized Incident create(String title, Severity severity, String commander, IncidentSymptom symptom,
      Instant openedAt, String openedBy, Investigation investigation) {
    return create(title, severity, commander, symptom, openedAt, openedBy, investigation, false);
  }

  public synchronized Incident create(String title, Severity severity, String commander, IncidentSymptom symptom,
      Instant openedAt, String openedBy, Investigation investigation, boolean drill) {
    long number = tables.nextval("incident_numbers");
    Incident incident = new Incident("INC-" + number, title, severity, commander, symptom, micros(openedAt), openedBy,
        drill);
    String symptomJson;
    String investigationJson;
    try {
      symptomJson = json.writeValueAsString(incident.symptom());
      investigationJson = investigation == null ? null : json.writeValueAsString(investigation);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store incident: " + e.getMessage(), e);
    }
    tables.update("INSERT INTO incidents (id, number, title, severity, commander, symptom, opened_at, opened_by, "
        + "investigation, drill) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Arrays.asList(incident.id(), number,
        incident.title(), incident.severity().name(), incident.commander(), symptomJson, incident.openedAt(),
        incident.openedBy(), investigationJson, drill));
    return incident;
  }

  /** Appends one entry; the (incident, seq) key refuses a second writer of the same position. */
  public synchronized void append(String incidentId, Entry entry) {
    String body;
    try {
      body = json.writeValueAsString(entry.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot append entry " + entry.seq() + " to " + incidentId + ": " + e.getMessage(), e);
    }
    tables.update("INSERT INTO incident_entries VALUES (?, ?, ?, ?, ?, ?)",
        List.of(incidentId, entry.seq(), entry.at(), entry.author(), entry.type(), body));
  }

  /** Replaces an incident's symptom and investigation with a newer answer to its question. */
  public synchronized void replaceInvestigation(String id, IncidentSymptom symptom, Investigation investigation) {
    List<String> values;
    try {
      values = List.of(json.writeValueAsString(symptom), json.writeValueAsString(investigation));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store the investigation of " + id + ": " + e.getMessage(), e);
    }
    tables.update("UPDATE incidents SET symptom = ?, investigation = ? WHERE id = ?", List.of(values.get(0),
        values.get(1), id));
  }

  public synchronized Optional<Casefile> find(String id) {
    Optional<Incident> incident = tables.list(INCIDENT, List.of(id), r -> incident(id, r)).stream().findFirst();
    if (incident.isEmpty()) {
      return Optional.empty();
    }
    List<Entry> entries = tables.list(
        "SELECT seq, epoch_us(entry_time), author, body FROM incident_entries WHERE incident_id = ? ORDER BY seq",
        List.of(id), r -> new Entry(r.longValue(1), r.instant(2), r.string(3), read(id, r.string(4), EntryBody.class)));
    return Optional.of(new Casefile(incident.get(), entries));
  }

  public synchronized Optional<Investigation> investigation(String id) {
    return tables.list("SELECT investigation FROM incidents WHERE id = ?", List.of(id), r -> r.string(1)).stream()
        .filter(s -> s != null).findFirst().map(s -> read(id, s, Investigation.class));
  }

  /** Every incident's id, newest first. */
  public synchronized List<String> ids() {
    return tables.list("SELECT id FROM incidents ORDER BY number DESC", List.of(), r -> r.string(1));
  }

  private Incident incident(String id, Row r) {
    return new Incident(r.string(1), r.string(2), Severity.parse(r.string(3)), r.string(4),
        read(id, r.string(5), IncidentSymptom.class), r.instant(6), r.string(7), r.bool(8));
  }

  private <T> T read(String id, String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read incident " + id + ": " + e.getMessage(), e);
    }
  }

  static long epochMicros(Instant t) {
    return Sql.micros(t);
  }

  @Override
  public synchronized void close() {
    tables.close();
  }
}
