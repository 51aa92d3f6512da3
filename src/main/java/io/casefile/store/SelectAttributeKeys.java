package io.casefile.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Every attribute key of {@code spans} with its approximate distinct count: the keys with a column
 * of their own (one columnar scan), then the keys held only in the attributes map (one scan of it).
 */
final class SelectAttributeKeys {
  private SelectAttributeKeys() {}

  static QueryResult<AttributeKey> run(Connection conn) {
    SpanAttributes attrs = SpanAttributes.read(conn);
    List<String> keys = List.copyOf(attrs.columnKeys());
    List<AttributeKey> rows = new ArrayList<>();
    List<String> sqls = new ArrayList<>();
    if (!keys.isEmpty()) {
      StringBuilder sql = new StringBuilder("SELECT ");
      for (int i = 0; i < keys.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("approx_count_distinct(").append(attrs.expression(keys.get(i))).append(')');
      }
      sql.append(" FROM spans");
      QueryResult<long[]> counts = Queries.run(conn, sql.toString(), List.of(), rs -> {
        long[] c = new long[keys.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = rs.getLong(i + 1);
        }
        return c;
      });
      long[] c = counts.rows().get(0);
      for (int i = 0; i < keys.size(); i++) {
        rows.add(new AttributeKey(keys.get(i), attrs.column(keys.get(i)), c[i]));
      }
      sqls.add(counts.sql());
    }
    if (attrs.hasMap()) {
      String m = SpanAttributes.mapColumn();
      QueryResult<AttributeKey> mapped = Queries.run(conn, "SELECT k, approx_count_distinct(v) FROM (SELECT unnest(map_keys("
          + m + ")) AS k, unnest(map_values(" + m + ")) AS v FROM spans WHERE " + m + " IS NOT NULL) GROUP BY k ORDER BY k",
          List.of(), rs -> new AttributeKey(rs.getString(1), null, rs.getLong(2)));
      for (AttributeKey k : mapped.rows()) {
        if (!attrs.columnKeys().contains(k.key())) {
          rows.add(k);
        }
      }
      sqls.add(mapped.sql());
    }
    return new QueryResult<>(rows, sqls.isEmpty() ? "SELECT 1 WHERE false" : String.join(";\n", sqls));
  }

}
