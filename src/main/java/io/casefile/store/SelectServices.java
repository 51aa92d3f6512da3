package io.casefile.store;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;

/** Services with their versions (by first seen), span counts and first/last seen. */
final class SelectServices {
  private SelectServices() {}

  static final String SQL = """
      SELECT service,
             list(version ORDER BY first_seen, version) FILTER (WHERE version <> '') AS versions,
             sum(spans) AS spans, epoch_us(min(first_seen)) AS first_seen,
             epoch_us(max(last_seen)) AS last_seen
      FROM service_versions
      GROUP BY service
      ORDER BY service""";

  static QueryResult<ServiceSummary> run(Connection conn) {
    return Queries.run(conn, SQL, List.of(), rs -> {
      java.sql.Array arr = rs.getArray(2);
      List<String> versions = arr == null ? List.of()
          : Arrays.stream((Object[]) arr.getArray()).map(String::valueOf).toList();
      return new ServiceSummary(rs.getString(1), versions, rs.getLong(3),
          Sql.instantOfMicros(rs.getObject(4)), Sql.instantOfMicros(rs.getObject(5)));
    });
  }
}
