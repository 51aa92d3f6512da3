package io.casefile.store;

import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code service_versions} (first/last seen and span count per service and version) and
 * derives a deploy change when a service that already reported a version starts reporting a new
 * one. The in-memory view is loaded at open and touched only under the store's versions lock.
 *
 * <p>A group that only moves the counts and last-seen times of known versions is folded into a
 * pending delta, written at most once a second (and before {@code services()} reads the table, and
 * at close): a separate upsert transaction per group cost more than the spans themselves. A new
 * version, and with it a derived deploy, is written with the group that shows it.
 */
final class ServiceVersions {
  static final String VERSION_KEY = "service.version";

  private record Seen(long first, long last, long spans) {}

  static final long FLUSH_INTERVAL_MICROS = 1_000_000;

  private final Map<String, Map<String, Seen>> known = new HashMap<>();
  private Map<String, Map<String, Seen>> pending = new HashMap<>();
  private long lastFlushMicros = Long.MIN_VALUE;

  ServiceVersions(Connection conn) throws SQLException {
    try (var st = conn.createStatement();
        var rs = st.executeQuery("SELECT service, version, epoch_us(first_seen), epoch_us(last_seen), "
            + "spans FROM service_versions")) {
      while (rs.next()) {
        known.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
            .put(rs.getString(2), new Seen(rs.getLong(3), rs.getLong(4), rs.getLong(5)));
      }
    }
  }

  /** Per service and version: first and last span start and span count, folded from rows. */
  static final class Delta {
    private final Map<String, Map<String, Seen>> seen = new HashMap<>();

    /** Folds spans in; a run of spans with the same service and version instances is counted once. */
    void add(List<SpanRow> spans) {
      String service = null;
      String version = null;
      long first = 0;
      long last = 0;
      long count = 0;
      for (SpanRow s : spans) {
        String v = s.attribute(VERSION_KEY);
        if (v == null) {
          v = "";
        }
        if (count > 0 && s.service() == service && v == version) {
          first = Math.min(first, s.startMicros());
          last = Math.max(last, s.startMicros());
          count++;
          continue;
        }
        if (count > 0) {
          add(service, version, new Seen(first, last, count));
        }
        service = s.service();
        version = v;
        first = last = s.startMicros();
        count = 1;
      }
      if (count > 0) {
        add(service, version, new Seen(first, last, count));
      }
    }

    void add(Delta other) {
      other.seen.forEach((service, versions) -> versions.forEach((v, seen) -> add(service, v, seen)));
    }

    private void add(String service, String version, Seen s) {
      seen.computeIfAbsent(service, k -> new HashMap<>()).merge(version, s, ServiceVersions::merge);
    }

    boolean isEmpty() {
      return seen.isEmpty();
    }
  }

  /**
   * Folds a committed group's spans into the table (its own short transaction, serialised by the
   * store so concurrent writers never update the same rows) and returns the derived deploy
   * changes, already inserted.
   */
  List<ChangeEvent> record(Connection conn, List<TelemetryBatch> group, Instant now) throws SQLException {
    Delta d = new Delta();
    for (TelemetryBatch b : group) {
      d.add(b.spans());
    }
    return record(conn, d, now);
  }

  /** As {@link #record(Connection, List, Instant)}, for spans already folded into a delta. */
  List<ChangeEvent> record(Connection conn, Delta d, Instant now) throws SQLException {
    Map<String, Map<String, Seen>> delta = d.seen;
    if (delta.isEmpty()) {
      return List.of();
    }
    for (var svc : delta.entrySet()) {
      Map<String, Seen> into = pending.computeIfAbsent(svc.getKey(), k -> new HashMap<>());
      svc.getValue().forEach((version, seen) -> into.merge(version, seen, ServiceVersions::merge));
    }
    long nowMicros = Sql.micros(now);
    if (!structural(delta) && nowMicros - lastFlushMicros < FLUSH_INTERVAL_MICROS) {
      return List.of();
    }
    return flush(conn, now);
  }

  /** Writes the pending counts (and any derived deploys) in one transaction. */
  List<ChangeEvent> flush(Connection conn, Instant now) throws SQLException {
    lastFlushMicros = Sql.micros(now);
    if (pending.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Seen>> delta = pending;
    pending = new HashMap<>();
    List<ChangeEvent> derived = new ArrayList<>();
    try (var tx = conn.createStatement()) {
      tx.execute("BEGIN TRANSACTION");
      try {
        upsert(conn, delta, derived, now);
        tx.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        tx.execute("ROLLBACK");
        throw e;
      }
    }
    return derived;
  }

  /** A new service or version, or a version seen earlier than known: must be written now. */
  private boolean structural(Map<String, Map<String, Seen>> delta) {
    for (var svc : delta.entrySet()) {
      Map<String, Seen> versions = known.get(svc.getKey());
      for (var ver : svc.getValue().entrySet()) {
        Seen before = versions == null ? null : versions.get(ver.getKey());
        if (before == null || ver.getValue().first() < before.first()) {
          return true;
        }
      }
    }
    return false;
  }

  private void upsert(Connection conn, Map<String, Map<String, Seen>> delta, List<ChangeEvent> derived,
      Instant now) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO service_versions VALUES (?, ?, make_timestamp(?), make_timestamp(?), ?) "
            + "ON CONFLICT (service, version) DO UPDATE SET "
            + "first_seen = least(service_versions.first_seen, excluded.first_seen), "
            + "last_seen = greatest(service_versions.last_seen, excluded.last_seen), "
            + "spans = service_versions.spans + excluded.spans")) {
      for (var svc : delta.entrySet()) {
        Map<String, Seen> versions = known.computeIfAbsent(svc.getKey(), k -> new HashMap<>());
        for (var ver : svc.getValue().entrySet()) {
          Seen d = ver.getValue();
          Seen before = versions.get(ver.getKey());
          if (!ver.getKey().isEmpty() && before == null) {
            String previous = latestVersion(versions);
            if (previous != null) {
              derived.add(deploy(svc.getKey(), ver.getKey(), previous, d.first(), now));
            }
          } else if (before != null && d.first() < before.first() && !ver.getKey().isEmpty()) {
            // two writers commit groups out of arrival order: keep a derived deploy at the first sighting
            earlier(conn, svc.getKey(), ver.getKey(), d.first());
          }
          versions.merge(ver.getKey(), d, ServiceVersions::merge);
          ps.setString(1, svc.getKey());
          ps.setString(2, ver.getKey());
          ps.setLong(3, d.first());
          ps.setLong(4, d.last());
          ps.setLong(5, d.spans());
          ps.executeUpdate();
        }
      }
    }
    for (ChangeEvent c : derived) {
      ChangeWriter.insert(conn, c, now);
    }
  }

  private static void earlier(Connection conn, String service, String version, long firstMicros) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "UPDATE changes SET timestamp = make_timestamp(?) WHERE id = ? AND timestamp > make_timestamp(?)")) {
      ps.setLong(1, firstMicros);
      ps.setString(2, "derived:" + service + ":" + version);
      ps.setLong(3, firstMicros);
      ps.executeUpdate();
    }
  }

  private static String latestVersion(Map<String, Seen> versions) {
    String best = null;
    long bestLast = Long.MIN_VALUE;
    for (var e : versions.entrySet()) {
      if (!e.getKey().isEmpty() && e.getValue().last() > bestLast) {
        best = e.getKey();
        bestLast = e.getValue().last();
      }
    }
    return best;
  }

  private static ChangeEvent deploy(String service, String version, String previous, long firstMicros,
      Instant now) {
    return new ChangeEvent("derived:" + service + ":" + version, ChangeType.DEPLOY,
        Sql.ofMicros(firstMicros), service,
        service + " " + version + " first seen in telemetry (previously " + previous + ")",
        version, previous, null, null, Map.of(), null, null, ChangeEvent.SOURCE_DERIVED);
  }

  private static Seen merge(Seen a, Seen b) {
    return new Seen(Math.min(a.first(), b.first()), Math.max(a.last(), b.last()), a.spans() + b.spans());
  }
}
