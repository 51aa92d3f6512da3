package io.casefile.store;

import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For each attribute, per value: failing and all requests of the incident window, all and failing
 * requests of the baseline (one scan, attributes unpivoted), for the BubbleUp-style comparison
 * of failing against baseline requests.
 */
final class SelectAttributeShares {
  private SelectAttributeShares() {}

  static QueryResult<AttributeShare> run(Connection conn, Flow flow, TimeRange incident, TimeRange baseline,
      List<String> keys, List<String> stored) {
    if (keys.isEmpty()) {
      return new QueryResult<>(List.of(), "SELECT 1 WHERE false");
    }
    Map<String, String> keyOfName = new HashMap<>();
    StringBuilder cols = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (!stored.contains(key)) {
        throw new IllegalArgumentException("no attribute '" + key + "' is stored on requests");
      }
      String name = "k" + i;
      keyOfName.put(name, key);
      cols.append(",\n    CAST(").append(Sql.quote(SpanColumns.columnOf(key))).append(" AS VARCHAR) AS ").append(name);
      names.append(i == 0 ? "" : ", ").append(name);
    }
    List<Object> params = new ArrayList<>();
    String sql = "SELECT key, value,\n"
        + "  count(*) FILTER (WHERE incident AND is_error) AS failing, count(*) FILTER (WHERE incident) AS incident,\n"
        + "  count(*) FILTER (WHERE NOT incident) AS baseline, count(*) FILTER (WHERE NOT incident AND is_error) AS baseline_failing\n"
        + "FROM (\n  SELECT is_error, start_time >= ? AND start_time < ? AS incident" + cols + "\n"
        + "  FROM spans WHERE is_request AND service = ? AND operation = ?\n"
        + "    AND ((start_time >= ? AND start_time < ?) OR (start_time >= ? AND start_time < ?))\n"
        + ") UNPIVOT INCLUDE NULLS (value FOR key IN (" + names + "))\n"
        + "GROUP BY key, value ORDER BY key, failing DESC, value";
    params.add(incident.from());
    params.add(incident.to());
    params.add(flow.service());
    params.add(flow.operation());
    params.add(incident.from());
    params.add(incident.to());
    params.add(baseline.from());
    params.add(baseline.to());
    return Queries.run(conn, sql, params, rs -> new AttributeShare(keyOfName.get(rs.getString(1)), rs.getString(2),
        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
  }
}
