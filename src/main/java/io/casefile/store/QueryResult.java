package io.casefile.store;

import java.util.List;

/**
 * The rows a store query returned and the SQL that produced them, with parameters inlined, so a
 * claim built on the rows can cite a query anyone can rerun.
 */
public record QueryResult<T>(List<T> rows, String sql) {
  public QueryResult {
    rows = List.copyOf(rows);
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("query result must carry its SQL");
    }
  }
}
