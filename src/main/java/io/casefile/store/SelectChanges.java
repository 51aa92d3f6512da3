package io.casefile.store;

import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.TimeRange;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Change events in a time range, optionally for one service. */
final class SelectChanges {
  private SelectChanges() {}

  private static final String SELECT = """
      SELECT id, type, epoch_us(timestamp), service, summary, version, previous_version,
             environment, flag_key, map_keys(targets), map_values(targets), link, author, source
      FROM changes
      WHERE timestamp >= ? AND timestamp < ?""";

  static QueryResult<ChangeEvent> run(Connection conn, TimeRange range, String service) {
    List<Object> params = new ArrayList<>(List.of(range.from(), range.to()));
    String sql = SELECT;
    if (service != null) {
      sql += " AND service = ?";
      params.add(service);
    }
    sql += "\nORDER BY timestamp, id";
    return Queries.run(conn, sql, params, SelectChanges::map);
  }

  /** A change stored without a summary is described by its type and service. */
  private static String summary(ResultSet rs) throws SQLException {
    String summary = rs.getString(5);
    return summary == null || summary.isBlank() ? rs.getString(2) + " " + rs.getString(4) : summary;
  }

  private static ChangeEvent map(ResultSet rs) throws SQLException {
    Map<String, String> targets = new HashMap<>();
    java.sql.Array keys = rs.getArray(10);
    java.sql.Array values = rs.getArray(11);
    if (keys != null && values != null) {
      Object[] k = (Object[]) keys.getArray();
      Object[] v = (Object[]) values.getArray();
      for (int i = 0; i < k.length; i++) {
        targets.put(String.valueOf(k[i]), String.valueOf(v[i]));
      }
    }
    return new ChangeEvent(rs.getString(1), ChangeType.parse(rs.getString(2)),
        Sql.ofMicros(rs.getLong(3)), rs.getString(4), summary(rs), rs.getString(6),
        rs.getString(7), rs.getString(8), rs.getString(9), targets, rs.getString(12),
        rs.getString(13), rs.getString(14));
  }
}
