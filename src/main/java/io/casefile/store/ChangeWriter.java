package io.casefile.store;

import io.casefile.model.ChangeEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** Inserts one change event; a repeated id is ignored, so retried submissions stay single. */
final class ChangeWriter {
  private ChangeWriter() {}

  static final String INSERT = "INSERT INTO changes (id, type, timestamp, service, summary, version, "
      + "previous_version, environment, flag_key, targets, link, author, source, received_at) "
      + "VALUES (?, ?, make_timestamp(?), ?, ?, ?, ?, ?, ?, MAP(?::VARCHAR[], ?::VARCHAR[]), ?, ?, ?, "
      + "make_timestamp(?)) ON CONFLICT (id) DO NOTHING";

  /** Returns true when the change was new. */
  static boolean insert(Connection conn, ChangeEvent c, Instant receivedAt) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
      ps.setString(1, c.id());
      ps.setString(2, c.type().wireName());
      ps.setLong(3, Sql.micros(c.timestamp()));
      ps.setString(4, c.service());
      ps.setString(5, c.summary());
      ps.setString(6, c.version());
      ps.setString(7, c.previousVersion());
      ps.setString(8, c.environment());
      ps.setString(9, c.flagKey());
      var keys = c.targets().keySet().stream().sorted().toList();
      ps.setArray(10, conn.createArrayOf("VARCHAR", keys.toArray()));
      ps.setArray(11, conn.createArrayOf("VARCHAR", keys.stream().map(c.targets()::get).toArray()));
      ps.setString(12, c.link());
      ps.setString(13, c.author());
      ps.setString(14, c.source());
      ps.setLong(15, Sql.micros(receivedAt));
      return ps.executeUpdate() > 0;
    }
  }
}
