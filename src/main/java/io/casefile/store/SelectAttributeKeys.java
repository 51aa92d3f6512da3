package io.casefile.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** The attribute columns of {@code spans} with approximate distinct counts (one columnar scan). */
final class SelectAttributeKeys {
  private SelectAttributeKeys() {}

  static QueryResult<AttributeKey> run(Connection conn, List<String> keys) {
    if (keys.isEmpty()) {
      return new QueryResult<>(List.of(), "SELECT 1 WHERE false");
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < keys.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("approx_count_distinct(")
          .append(Sql.quote(SpanColumns.columnOf(keys.get(i)))).append(')');
    }
    sql.append(" FROM spans");
    List<AttributeKey> rows = new ArrayList<>();
    QueryResult<long[]> counts = Queries.run(conn, sql.toString(), List.of(), rs -> {
      long[] c = new long[keys.size()];
      for (int i = 0; i < c.length; i++) {
        c[i] = rs.getLong(i + 1);
      }
      return c;
    });
    long[] c = counts.rows().get(0);
    for (int i = 0; i < keys.size(); i++) {
      rows.add(new AttributeKey(keys.get(i), SpanColumns.columnOf(keys.get(i)), c[i]));
    }
    return new QueryResult<>(rows, counts.sql());
  }
}
