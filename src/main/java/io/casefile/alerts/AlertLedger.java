package io.casefile.alerts;

import io.casefile.store.Queries;
import io.casefile.store.Sql;
import io.casefile.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What alerts have done, in the embedded database: each group's incidents and every alert event
 * (group, fingerprint, start, status). Every write is one auto-committed statement, durable when it
 * returns; the caller serialises calls.
 */
final class AlertLedger implements AutoCloseable {
  private final Connection connection;

  /** The group's latest incident: when it opened, when the group last had an alert firing or resolving. */
  record Group(String groupKey, String incidentId, Instant openedAt, Instant lastEventAt, long firing) {}

  /** Takes ownership of the connection and creates the tables when missing. */
  AlertLedger(Connection connection) {
    this.connection = connection;
    try (Statement st = connection.createStatement()) {
      for (String ddl : AlertSchema.SCHEMA.statements()) {
        st.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the alert tables: " + e.getMessage(), e);
    }
  }

  /** The group's most recent incident, with the number of its alerts still firing. */
  Optional<Group> latest(String groupKey) {
    String sql = """
        SELECT g.incident_id, epoch_us(g.opened_at),
          (SELECT epoch_us(max(received_at)) FROM alert_events e WHERE e.group_key = g.group_key
             AND e.incident_id = g.incident_id),
          (SELECT count(*) FROM alert_events f WHERE f.group_key = g.group_key AND f.incident_id = g.incident_id
             AND f.status = 'firing' AND NOT EXISTS (SELECT 1 FROM alert_events r WHERE r.group_key = f.group_key
               AND r.fingerprint = f.fingerprint AND r.starts_at = f.starts_at AND r.status = 'resolved'))
        FROM alert_groups g WHERE g.group_key = ? ORDER BY g.opened_at DESC LIMIT 1""";
    List<Group> rows = Queries.list(connection, sql, List.of(groupKey), rs -> new Group(groupKey, rs.getString(1),
        Sql.ofMicros(rs.getLong(2)), Sql.instantOfMicros(rs.getObject(3)), rs.getLong(4)));
    return rows.stream().findFirst();
  }

  boolean seen(String groupKey, Alert a) {
    return !Queries.list(connection, "SELECT 1 FROM alert_events WHERE group_key = ? AND fingerprint = ? "
            + "AND starts_at = CAST(? AS TIMESTAMP) AND status = ?",
        List.of(groupKey, a.fingerprint(), a.startsAt(), status(a)), rs -> 1).isEmpty();
  }

  /** The latest start of a still-firing alert of the group with this fingerprint, if any. */
  Optional<Instant> firingSince(String groupKey, String fingerprint) {
    String sql = """
        SELECT epoch_us(max(f.starts_at)) FROM alert_events f WHERE f.group_key = ? AND f.fingerprint = ?
          AND f.status = 'firing' AND NOT EXISTS (SELECT 1 FROM alert_events r WHERE r.group_key = f.group_key
            AND r.fingerprint = f.fingerprint AND r.starts_at = f.starts_at AND r.status = 'resolved')""";
    return Queries.list(connection, sql, List.of(groupKey, fingerprint), rs -> Sql.instantOfMicros(rs.getObject(1)))
        .stream().filter(java.util.Objects::nonNull).findFirst();
  }

  void openGroup(String groupKey, String incidentId, String source, Instant at) {
    execute("INSERT INTO alert_groups VALUES (?, ?, ?, CAST(? AS TIMESTAMP))", List.of(groupKey, incidentId, source, at));
  }

  void record(String groupKey, Alert a, String incidentId, Instant at) {
    execute("INSERT INTO alert_events VALUES (?, ?, CAST(? AS TIMESTAMP), ?, CAST(? AS TIMESTAMP), ?, "
            + "CAST(? AS TIMESTAMP)) ON CONFLICT DO NOTHING",
        java.util.Arrays.asList(groupKey, a.fingerprint(), a.startsAt(), status(a), a.endsAt(), incidentId, at));
  }

  Optional<String> objectives() {
    return Queries.list(connection, "SELECT objectives FROM slo_objectives WHERE id = 1", List.of(),
        rs -> rs.getString(1)).stream().findFirst();
  }

  void saveObjectives(String json, Instant at) {
    execute("INSERT OR REPLACE INTO slo_objectives VALUES (1, ?, CAST(? AS TIMESTAMP))", List.of(json, at));
  }

  private static String status(Alert a) {
    return a.firing() ? "firing" : "resolved";
  }

  private void execute(String sql, List<?> params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Sql.bind(ps, params);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("alert ledger write failed: " + e.getMessage() + " -- " + Sql.inline(sql, params), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing the alert ledger failed: " + e.getMessage(), e);
    }
  }
}
