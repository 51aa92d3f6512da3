package io.casefile.drill;

import io.casefile.store.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps drills in the shared database: one row per drill, written when it starts and completed
 * when it pages and ends, with the debrief's JSON. Calls are serialised on the connection, which
 * the repository owns.
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

  private final Connection connection;

  public DrillRepository(Connection connection) {
    this.connection = connection;
    try (Statement st = connection.createStatement()) {
      for (String ddl : SCHEMA.statements()) {
        st.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the drills table: " + e.getMessage(), e);
    }
  }

  /**
   * When the latest drill kept in a data folder's database ends its world, or null when there is
   * none: a new drill's clock starts after it, so two drills' telemetry never overlaps.
   */
  public static Instant lastWorldEnd(java.nio.file.Path dataDir) {
    java.nio.file.Path file = dataDir.resolve("casefile.duckdb");
    if (!java.nio.file.Files.exists(file)) {
      return null;
    }
    var props = new java.util.Properties();
    props.setProperty("duckdb.read_only", "true");
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file, props);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT epoch_us(max(world_end)) FROM drills")) {
      if (rs.next()) {
        long us = rs.getLong(1);
        return rs.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L));
      }
      return null;
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
        return null;
      }
      throw new IllegalArgumentException("cannot read the drills in " + dataDir + " (is another Casefile server "
          + "using it?): " + e.getMessage(), e);
    }
  }

  synchronized DrillRecord create(String responder, String scenario, long seed, double speed, Instant startedAt,
      Instant worldEnd) {
    try {
      long number;
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT nextval('drill_numbers')")) {
        rs.next();
        number = rs.getLong(1);
      }
      var r = new DrillRecord("DRL-" + number, responder, scenario, seed, speed, startedAt, worldEnd,
          DrillRecord.RUNNING, null, null, null, null, null, null);
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO drills (id, number, responder, scenario, "
          + "seed, speed, started_at, world_end, status) VALUES (?, ?, ?, ?, ?, ?, make_timestamp(?), "
          + "make_timestamp(?), ?)")) {
        ps.setString(1, r.id());
        ps.setLong(2, number);
        ps.setString(3, responder);
        ps.setString(4, scenario);
        ps.setLong(5, seed);
        ps.setDouble(6, speed);
        ps.setLong(7, micros(startedAt));
        ps.setLong(8, micros(worldEnd));
        ps.setString(9, r.status());
        ps.executeUpdate();
      }
      return r;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the drill: " + e.getMessage(), e);
    }
  }

  synchronized void paged(String id, String incidentId, Instant pagedAt, String page) {
    update("UPDATE drills SET incident_id = ?, paged_at = make_timestamp(?), page = ? WHERE id = ?",
        incidentId, micros(pagedAt), page, id);
  }

  synchronized void ended(String id, String status, Instant endedAt, Integer score, String debrief) {
    update("UPDATE drills SET status = ?, ended_at = make_timestamp(?), score = ?, debrief = ? WHERE id = ?",
        status, micros(endedAt), score, debrief, id);
  }

  synchronized Optional<DrillRecord> find(String id) {
    List<DrillRecord> found = query("SELECT " + COLUMNS + " FROM drills WHERE id = ?", id);
    return found.stream().findFirst();
  }

  /** Every drill, oldest first. */
  synchronized List<DrillRecord> list() {
    return query("SELECT " + COLUMNS + " FROM drills ORDER BY number");
  }

  /** Drills left running by a server that stopped: they can no longer end. */
  synchronized void abandonRunning(Instant at) {
    update("UPDATE drills SET status = ?, ended_at = make_timestamp(?) WHERE status = ?", DrillRecord.ABANDONED,
        micros(at), DrillRecord.RUNNING);
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null) {
          ps.setNull(i + 1, Types.VARCHAR);
        } else {
          ps.setObject(i + 1, args[i]);
        }
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update the drills table: " + e.getMessage(), e);
    }
  }

  private List<DrillRecord> query(String sql, String... args) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<DrillRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new DrillRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5),
              instant(rs, 6), instant(rs, 7), rs.getString(8), rs.getString(9), instant(rs, 10), rs.getString(11),
              instant(rs, 12), (Integer) rs.getObject(13), rs.getString(14)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the drills table: " + e.getMessage(), e);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long us = rs.getLong(column);
    return rs.wasNull() ? null
        : Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
