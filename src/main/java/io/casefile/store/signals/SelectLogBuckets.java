package io.casefile.store.signals;

import io.casefile.analysis.rootcause.Buckets;
import io.casefile.model.TimeRange;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.time.Duration;

/**
 * Log records per service, template and bucket, with their highest severity number and one
 * example body per template; records without a template id group by body. At most
 * {@code limit} rows, the busiest first.
 */
final class SelectLogBuckets {
  private final BoundQuery query;

  SelectLogBuckets(TimeRange range, Duration bucket, int limit) {
    query = new BoundQuery.Builder()
        .sql("SELECT service, coalesce(CAST(template_id AS VARCHAR), body) AS template, (epoch_us(time) - ")
        .value(Sql.micros(range.from())).sql(") // ").value(bucket.toNanos() / 1000)
        .sql(" AS b, max(severity_number) AS severity, count(*) AS n, min(body) AS example\nFROM logs\n"
            + "WHERE time >= ").value(range.from()).sql(" AND time < ").value(range.to())
        .sql("\nGROUP BY ALL ORDER BY n DESC, service, template, b LIMIT ").value(limit)
        .build();
  }

  void run(Connection db, Buckets into) {
    query.rows(db, rs -> {
      String example = rs.getString("example");
      into.log(rs.getString("service"), rs.getString("template"), example == null ? "" : example, rs.getInt("severity"),
          (int) rs.getLong("b"), rs.getLong("n"));
      return null;
    });
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
