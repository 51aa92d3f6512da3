package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.metrics.MetricKind;
import io.casefile.analysis.metrics.MetricPoint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A service's metric points in both windows, by name, series (the attributes as text) and time, at
 * most {@code limit} rows. Points are few next to spans, so the per-bucket arithmetic (rates from
 * cumulative sums, histogram deltas) is done by the analyser.
 */
final class SelectMetricPoints {
  private final BoundQuery query;

  SelectMetricPoints(String service, SignalRequest r, int limit) {
    query = new BoundQuery.Builder()
        .sql("SELECT epoch_us(time) AS t_us, name, kind, unit, value, count, bounds, bucket_counts,"
            + " CAST(attributes AS VARCHAR) AS series\nFROM metric_points\nWHERE service = ")
        .value(service).sql(" AND ").sql(SpanSql.inWindows("time", r))
        .sql("\nORDER BY name, series, time\nLIMIT ").value(limit)
        .build();
  }

  List<MetricPoint> run(Connection db) {
    return query.rows(db, rs -> new MetricPoint(
        java.time.Instant.EPOCH.plusNanos(rs.getLong("t_us") * 1_000L),
        rs.getString("name"), rs.getString("series"), MetricKind.parse(rs.getString("kind")),
        rs.getString("unit"), rs.getDouble("value"), rs.getLong("count"),
        doubles(rs, "bounds"), longs(rs, "bucket_counts")));
  }

  private static double[] doubles(ResultSet rs, String column) throws SQLException {
    Object[] values = elements(rs.getArray(column));
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] == null ? Double.NaN : ((Number) values[i]).doubleValue();
    }
    return out;
  }

  private static long[] longs(ResultSet rs, String column) throws SQLException {
    Object[] values = elements(rs.getArray(column));
    long[] out = new long[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] == null ? 0 : ((Number) values[i]).longValue();
    }
    return out;
  }

  private static Object[] elements(Array a) throws SQLException {
    return a == null ? new Object[0] : (Object[]) a.getArray();
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
