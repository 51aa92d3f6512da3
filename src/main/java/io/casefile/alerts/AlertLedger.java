package io.casefile.alerts;

import io.casefile.store.FeatureTables;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What alerts have done, in the embedded database: each group's incidents and every alert event
 * (group, fingerprint, start, status), in the {@link AlertSchema} tables. Every write is one
 * auto-committed statement, durable when it returns; the caller serialises calls.
 */
final class AlertLedger implements AutoCloseable {
  private final FeatureTables tables;

  /** The group's latest incident: when it opened, when the group last had an alert firing or resolving. */
  record Group(String groupKey, String incidentId, Instant openedAt, Instant lastEventAt, long firing) {}

  /** Takes ownership of the handle. */
  AlertLedger(FeatureTables tables) {
    this.tables = tables;
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
    List<Group> rows = tables.list(sql, List.of(groupKey), r -> new Group(groupKey, r.string(1), r.instant(2),
        r.nullableInstant(3), r.longValue(4)));
    return rows.stream().findFirst();
  }

  boolean seen(String groupKey, Alert a) {
    return !tables.list("SELECT 1 FROM alert_events WHERE group_key = ? AND fingerprint = ? "
            + "AND starts_at = CAST(? AS TIMESTAMP) AND status = ?",
        List.of(groupKey, a.fingerprint(), a.startsAt(), status(a)), r -> 1).isEmpty();
  }

  /** The latest start of a still-firing alert of the group with this fingerprint, if any. */
  Optional<Instant> firingSince(String groupKey, String fingerprint) {
    String sql = """
        SELECT epoch_us(max(f.starts_at)) FROM alert_events f WHERE f.group_key = ? AND f.fingerprint = ?
          AND f.status = 'firing' AND NOT EXISTS (SELECT 1 FROM alert_events r WHERE r.group_key = f.group_key
            AND r.fingerprint = f.fingerprint AND r.starts_at = f.starts_at AND r.status = 'resolved')""";
    return tables.list(sql, List.of(groupKey, fingerprint), r -> r.nullableInstant(1))
        .stream().filter(java.util.Objects::nonNull).findFirst();
  }

  void openGroup(String groupKey, String incidentId, String source, Instant at) {
    tables.update("INSERT INTO alert_groups VALUES (?, ?, ?, CAST(? AS TIMESTAMP))", List.of(groupKey, incidentId, source, at));
  }

  void record(String groupKey, Alert a, String incidentId, Instant at) {
    tables.update("INSERT INTO alert_events VALUES (?, ?, CAST(? AS TIMESTAMP), ?, CAST(? AS TIMESTAMP), ?, "
            + "CAST(? AS TIMESTAMP)) ON CONFLICT DO NOTHING",
        Arrays.asList(groupKey, a.fingerprint(), a.startsAt(), status(a), a.endsAt(), incidentId, at));
  }

  Optional<String> objectives() {
    return tables.list("SELECT objectives FROM slo_objectives WHERE id = 1", List.of(), r -> r.string(1))
        .stream().findFirst();
  }

  void saveObjectives(String json, Instant at) {
    tables.update("INSERT OR REPLACE INTO slo_objectives VALUES (1, ?, CAST(? AS TIMESTAMP))", List.of(json, at));
  }

  private static String status(Alert a) {
    return a.firing() ? "firing" : "resolved";
  }

  @Override
  public void close() {
    tables.close();
  }
}
