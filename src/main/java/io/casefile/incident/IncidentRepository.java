package io.casefile.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casefile.investigation.Investigation;
import io.casefile.model.JsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Persists casefiles in the embedded database: {@code incidents} holds each incident's header
 * (written once), {@code incident_entries} its append-only log keyed by (incident, seq). Every
 * write is one auto-committed statement, durable when it returns. Calls are serialised on the
 * connection, which the repository owns.
 */
public final class IncidentRepository implements AutoCloseable {

  private final Connection connection;
  private final ObjectMapper json = JsonCodec.mapper();

  /** Takes ownership of the connection and creates the tables when missing. */
  public IncidentRepository(Connection connection) {
    this.connection = connection;
    try (Statement st = connection.createStatement()) {
      for (String ddl : IncidentSchema.SCHEMA.statements()) {
        st.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the incident tables: " + e.getMessage(), e);
    }
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
    try {
      long number;
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT nextval('incident_numbers')")) {
        rs.next();
        number = rs.getLong(1);
      }
      Incident incident = new Incident("INC-" + number, title, severity, commander, symptom, micros(openedAt), openedBy,
          drill);
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO incidents (id, number, title, severity, "
          + "commander, symptom, opened_at, opened_by, investigation, drill) "
          + "VALUES (?, ?, ?, ?, ?, ?, make_timestamp(?), ?, ?, ?)")) {
        ps.setString(1, incident.id());
        ps.setLong(2, number);
        ps.setString(3, incident.title());
        ps.setString(4, incident.severity().name());
        ps.setString(5, incident.commander());
        ps.setString(6, json.writeValueAsString(incident.symptom()));
        ps.setLong(7, epochMicros(incident.openedAt()));
        ps.setString(8, incident.openedBy());
        ps.setString(9, investigation == null ? null : json.writeValueAsString(investigation));
        ps.setBoolean(10, drill);
        ps.executeUpdate();
      }
      return incident;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot store incident: " + e.getMessage(), e);
    }
  }

  /** Appends one entry; the (incident, seq) key refuses a second writer of the same position. */
  public synchronized void append(String incidentId, Entry entry) {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO incident_entries VALUES (?, ?, make_timestamp(?), ?, ?, ?)")) {
      ps.setString(1, incidentId);
      ps.setLong(2, entry.seq());
      ps.setLong(3, epochMicros(entry.at()));
      ps.setString(4, entry.author());
      ps.setString(5, entry.type());
      ps.setString(6, json.writeValueAsString(entry.body()));
      ps.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot append entry " + entry.seq() + " to " + incidentId + ": " + e.getMessage(), e);
    }
  }

  /** Replaces an incident's symptom and investigation with a newer answer to its question. */
  public synchronized void replaceInvestigation(String id, IncidentSymptom symptom, Investigation investigation) {
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE incidents SET symptom = ?, investigation = ? WHERE id = ?")) {
      ps.setString(1, json.writeValueAsString(symptom));
      ps.setString(2, json.writeValueAsString(investigation));
      ps.setString(3, id);
      ps.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot store the investigation of " + id + ": " + e.getMessage(), e);
    }
  }

  public synchronized Optional<Casefile> find(String id) {
    try {
      Incident incident = null;
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT id, title, severity, commander, symptom, epoch_us(opened_at), opened_by, coalesce(drill, false) "
              + "FROM incidents WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            incident = incident(rs);
          }
        }
      }
      if (incident == null) {
        return Optional.empty();
      }
      List<Entry> entries = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT seq, epoch_us(entry_time), author, body FROM incident_entries WHERE incident_id = ? ORDER BY seq")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(new Entry(rs.getLong(1), fromMicros(rs.getLong(2)), rs.getString(3),
                json.readValue(rs.getString(4), EntryBody.class)));
          }
        }
      }
      return Optional.of(new Casefile(incident, entries));
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read incident " + id + ": " + e.getMessage(), e);
    }
  }

  public synchronized Optional<Investigation> investigation(String id) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT investigation FROM incidents WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getString(1) != null) {
          return Optional.of(json.readValue(rs.getString(1), Investigation.class));
        }
        return Optional.empty();
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read the investigation of " + id + ": " + e.getMessage(), e);
    }
  }

  /** Every incident's id, newest first. */
  public synchronized List<String> ids() {
    List<String> out = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM incidents ORDER BY number DESC")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list incidents: " + e.getMessage(), e);
    }
  }

  /** The connection, for the snapshot and webhook tables kept alongside (callers synchronise on this). */
  Connection connection() {
    return connection;
  }

  private Incident incident(ResultSet rs) throws SQLException, JsonProcessingException {
    return new Incident(rs.getString(1), rs.getString(2), Severity.parse(rs.getString(3)), rs.getString(4),
        json.readValue(rs.getString(5), IncidentSymptom.class), fromMicros(rs.getLong(6)), rs.getString(7),
        rs.getBoolean(8));
  }

  static long epochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  static Instant fromMicros(long us) {
    return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
