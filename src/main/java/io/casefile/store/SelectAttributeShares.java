package io.casefile.store;

import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * For each attribute, per value: the failing and all requests of the incident window, and the
 * requests (and failures) of the baseline — the flow's requests in a baseline window, or without
 * one the incident window's requests that did not fail — for the BubbleUp-style comparison of
 * failing against baseline requests. One scan: one grouping set per attribute.
 */
final class SelectAttributeShares {
  private SelectAttributeShares() {}

  static QueryResult<AttributeShare> run(Connection conn, Flow flow, TimeRange incident, TimeRange baseline,
      List<String> keys, SpanAttributes stored) {
    if (keys.isEmpty()) {
      return new QueryResult<>(List.of(), "SELECT 1 WHERE false");
    }
    StringBuilder cols = new StringBuilder();
    StringBuilder sets = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (!stored.contains(key)) {
        throw new IllegalArgumentException("no attribute '" + key + "' is stored on requests");
      }
      cols.append(",\n    CAST(").append(stored.expression(key)).append(" AS VARCHAR) AS k").append(i);
      sets.append(i == 0 ? "" : ", ").append("(k").append(i).append(')');
      names.append(i == 0 ? "" : ", ").append('k').append(i);
    }
    String inBaseline = baseline == null ? "NOT is_error" : "start_time >= ? AND start_time < ?";
    String range = baseline == null ? "start_time >= ? AND start_time < ?"
        : "((start_time >= ? AND start_time < ?) OR (start_time >= ? AND start_time < ?))";
    List<Object> all = new ArrayList<>(List.of(incident.from(), incident.to()));
    if (baseline != null) {
      all.addAll(List.of(baseline.from(), baseline.to()));
    }
    all.addAll(List.of(flow.service(), flow.operation(), incident.from(), incident.to()));
    if (baseline != null) {
      all.addAll(List.of(baseline.from(), baseline.to()));
    }
    String sql = "SELECT grouping_id(" + names + ") AS g, " + names + ",\n"
        + "  count(*) FILTER (WHERE incident AND is_error) AS failing, count(*) FILTER (WHERE incident) AS incident,\n"
        + "  count(*) FILTER (WHERE base) AS baseline, count(*) FILTER (WHERE base AND is_error) AS baseline_failing\n"
        + "FROM (\n  SELECT is_error, start_time >= ? AND start_time < ? AS incident, " + inBaseline + " AS base" + cols + "\n"
        + "  FROM spans WHERE is_request AND service = ? AND operation = ? AND " + range + "\n"
        + ") GROUP BY GROUPING SETS (" + sets + ")\nORDER BY g, failing DESC";
    int n = keys.size();
    return Queries.run(conn, sql, all, rs -> {
      long g = rs.getLong(1);
      int grouped = 0;
      for (int i = 0; i < n; i++) {
        if (((g >> (n - 1 - i)) & 1) == 0) {
          grouped = i;
        }
      }
      return new AttributeShare(keys.get(grouped), rs.getString(2 + grouped), rs.getLong(2 + n), rs.getLong(3 + n),
          rs.getLong(4 + n), rs.getLong(5 + n));
    });
  }
}
