package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import java.sql.Connection;
import java.util.TreeMap;

/**
 * Where "slow" starts in each window: the flow's request durations counted in 2%-wide logarithmic
 * buckets (one hash aggregate, no sort), and the lower edge of the bucket holding the quantile. The
 * slow requests are then those at or above it: slightly more than the quantile's share.
 */
final class SelectSlowThresholds {
  static final double BASE = 1.02;

  private final BoundQuery query;
  private final double quantile;

  SelectSlowThresholds(SignalRequest r, double quantile) {
    this.quantile = quantile;
    query = new BoundQuery.Builder()
        .sql("SELECT w, CAST(floor(ln(greatest(duration_us, 1)) / ln(" + BASE + ")) AS INTEGER) AS b,"
            + " count(*) AS n\nFROM (SELECT duration_us, ")
        .sql(SpanSql.windowLabel("start_time", r)).sql(" AS w FROM spans WHERE ")
        .sql(SpanSql.flowRequests(r.flow())).sql(" AND ").sql(SpanSql.inWindows("start_time", r))
        .sql(")\nGROUP BY ALL\nORDER BY w, b")
        .build();
  }

  /**
   * A window's threshold in microseconds (Long.MAX_VALUE when the window has no requests) and how
   * many requests are at or above it.
   */
  record Threshold(long micros, long slowRequests) {}

  /** The thresholds: {baseline, incident}. */
  Threshold[] run(Connection db) {
    TreeMap<Integer, Long> base = new TreeMap<>();
    TreeMap<Integer, Long> inc = new TreeMap<>();
    query.rows(db, rs -> {
      ("incident".equals(rs.getString("w")) ? inc : base).merge(rs.getInt("b"), rs.getLong("n"), Long::sum);
      return null;
    });
    return new Threshold[] {threshold(base), threshold(inc)};
  }

  private Threshold threshold(TreeMap<Integer, Long> buckets) {
    long total = buckets.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return new Threshold(Long.MAX_VALUE, 0);
    }
    double rank = Math.max(1, Math.ceil(quantile * total));
    long seen = 0;
    for (var e : buckets.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return new Threshold(edge(e.getKey()), total - seen + e.getValue());
      }
    }
    throw new IllegalStateException("quantile rank " + rank + " beyond " + total + " requests");
  }

  /** The lower edge of a bucket, a hair low so float rounding never drops a request on it. */
  private static long edge(int bucket) {
    return bucket <= 0 ? 0 : (long) Math.floor(Math.pow(BASE, bucket) * (1 - 1e-9));
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
