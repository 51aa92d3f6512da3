package io.casefile.drill;

import io.casefile.store.DuckDbStore;
import io.casefile.store.FeatureTables;
import io.casefile.store.Schema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keeps drills in the shared database: one row per drill, written when it starts and completed
 * when it pages and ends, with the debrief's JSON. Calls are serialised; the repository owns its
 * handle on the table.
 */
public final class DrillRepository implements AutoCloseable {
  public static final Schema SCHEMA = Schema.of("drills", List.of(
      "CREATE SEQUENCE IF NOT EXISTS drill_numbers START 1",
      """
      CREATE TABLE IF NOT EXISTS drills (
        id VARCHAR PRIMARY KEY, number BIGINT NOT NULL, responder VARCHAR NOT NULL, scenario VARCHAR NOT NULL,
        seed BIGINT NOT NULL, speed DOUBLE NOT NULL, started_at TIMESTAMP NOT NULL, world_end TIMESTAMP NOT NULL,
        status VARCHAR NOT NULL, incident_id VARCHAR, paged_at TIMESTAMP, page VARCHAR, ended_at TIMESTAMP,
        score INTEGER, debrief VARCHAR)"""));

  private static final String COLUMNS = "id, responder, scenario, seed, speed, epoch_us(started_at), "
      + "epoch_us(world_end), status, incident_id, epoch_us(paged_at), page, epoch_us(ended_at), score, debrief";

  private final FeatureTables tables;

  /** Takes ownership of the handle. */
  public DrillRepository(FeatureTables tables) {
    this.tables = tables;
  }

  /**
   * When the latest drill kept in a data folder's database ends its world, or null when there is
   * none: a new drill's clock starts after it, so two drills' telemetry never overlaps.
   */
  public static Instant lastWorldEnd(Path dataDir) {
    Optional<FeatureTables> found = DuckDbStore.readOnlyTables(dataDir);
    if (found.isEmpty()) {
      return null;
    }
    try (FeatureTables t = found.get()) {
      if (!t.hasTable("drills")) {
        return null;
      }
      Instant end = t.list("SELECT epoch_us(max(world_end)) FROM drills", List.of(), r -> r.nullableInstant(1)).get(0);
      return end == null ? null : Instant.ofEpochSecond(end.getEpochSecond());
    }
  }

  synchronized DrillRecord create(String responder, String scenario, long seed, double speed, Instant startedAt,
      Instant worldEnd) {
    long number = tables.nextval("drill_numbers");
    var r = new DrillRecord("DRL-" + number, responder, scenario, seed, speed, startedAt, worldEnd,
        DrillRecord.RUNNING, null, null, null, null, null, null);
    tables.update("INSERT INTO drills (id, number, responder, scenario, seed, speed, started_at, world_end, status) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        List.of(r.id(), number, responder, scenario, seed, speed, startedAt, worldEnd, r.status()));
    return r;
  }

  synchronized void paged(String id, String incidentId, Instant pagedAt, String page) {
    tables.update("UPDATE drills SET incident_id = ?, paged_at = ?, page = ? WHERE id = ?",
        Arrays.asList(incidentId, pagedAt, page, id));
  }

  synchronized void ended(String id, String status, Instant endedAt, Integer score, String debrief) {
    tables.update("UPDATE drills SET status = ?, ended_at = ?, score = ?, debrief = ? WHERE id = ?",
        Arrays.asList(status, endedAt, score, debrief, id));
  }

  synchronized Optional<DrillRecord> find(String id) {
    return query("SELECT " + COLUMNS + " FROM drills WHERE id = ?", List.of(id)).stream().findFirst();
  }

  /** Every drill, oldest first. */
  synchronized List<DrillRecord> list() {
    return query("SELECT " + COLUMNS + " FROM drills ORDER BY number", List.of());
  }

  /** Drills left running by a server that stopped: they can no longer end. */
  synchronized void abandonRunning(Instant at) {
    tables.update("UPDATE drills SET status = ?, ended_at = ? WHERE status = ?",
        List.of(DrillRecord.ABANDONED, at, DrillRecord.RUNNING));
  }

  private List<DrillRecord> query(String sql, List<String> args) {
    return tables.list(sql, args, r -> new DrillRecord(r.string(1), r.string(2), r.string(3), r.longValue(4),
        r.doubleValue(5), r.nullableInstant(6), r.nullableInstant(7), r.string(8), r.string(9), r.nullableInstant(10),
        r.string(11), r.nullableInstant(12), r.nullableInt(13), r.string(14)));
  }

  @Override
  public synchronized void close() {
    tables.close();
  }
}
