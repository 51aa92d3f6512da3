package io.casefile.store.signals;

import io.casefile.analysis.rootcause.Buckets;
import io.casefile.model.TimeRange;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.time.Duration;

/**
 * Every gauge point per service, instance ({@code k8s.pod.name}, else {@code service.instance.id})
 * and name with its bucket; at most {@code limit} points.
 */
final class SelectGaugePoints {
  private final BoundQuery query;

  SelectGaugePoints(TimeRange range, Duration bucket, int limit) {
    query = new BoundQuery.Builder()
        .sql("SELECT service, coalesce(attributes['k8s.pod.name'], attributes['service.instance.id']) AS instance, name,"
            + " (epoch_us(time) - ").value(Sql.micros(range.from())).sql(") // ").value(bucket.toNanos() / 1000)
        .sql(" AS b, value\nFROM metric_points\nWHERE kind = 'gauge' AND isfinite(value) AND time >= ").value(range.from())
        .sql(" AND time < ").value(range.to()).sql("\nORDER BY service, instance, name, time LIMIT ").value(limit)
        .build();
  }

  void run(Connection db, Buckets into) {
    query.rows(db, rs -> {
      into.gauge(rs.getString("service"), rs.getString("instance"), rs.getString("name"), (int) rs.getLong("b"),
          rs.getDouble("value"));
      return null;
    });
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
