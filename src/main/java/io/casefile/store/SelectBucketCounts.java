package io.casefile.store;

import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.FlowBucket;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Per flow and epoch-aligned bucket, the requests that started in the range, the bad ones, whether
 * any was an entry request and the first one: the same requests and filters as
 * {@link SelectWindowCounts}, so the buckets of a window sum to its counts. The busiest
 * {@code maxFlows} flows of the range only.
 */
final class SelectBucketCounts {
  private SelectBucketCounts() {}

  static Measured<List<FlowBucket>> run(Connection conn, TimeRange range, Duration bucket, Bad bad, int maxFlows) {
    long bucketUs = bucket.toNanos() / 1000;
    if (bucketUs <= 0 || maxFlows <= 0) {
      throw new IllegalArgumentException("bucket must be at least 1 µs and maxFlows positive, got " + bucket
          + " and " + maxFlows);
    }
    String badSql = bad.isLatency() ? "duration_us > " + bad.thresholdMicros() : "is_error";
    List<Object> params = new ArrayList<>();
    params.add(bucketUs);
    params.addAll(FlowRequests.params(null));
    params.add(range.from());
    params.add(range.to());
    params.add(maxFlows);
    String sql = "WITH b AS (SELECT service, operation, epoch_us(start_time) // ? AS bucket,\n"
        + "    count(*) AS requests, count(*) FILTER (WHERE " + badSql + ") AS bad,\n"
        + "    bool_or(parent_span_id IS NULL) AS entry, epoch_us(min(start_time)) AS first_request\n"
        + "  FROM spans WHERE " + FlowRequests.where(null) + " AND start_time >= ? AND start_time < ?\n"
        + "  GROUP BY ALL),\n"
        + "top AS (SELECT service, operation FROM b GROUP BY ALL\n"
        + "  ORDER BY sum(requests) DESC, service, operation LIMIT ?)\n"
        + "SELECT b.service, b.operation, b.bucket, b.requests, b.bad, b.entry, b.first_request\n"
        + "FROM b JOIN top USING (service, operation) ORDER BY b.service, b.operation, b.bucket";
    List<FlowBucket> rows = Queries.list(conn, sql, params, rs -> new FlowBucket(
        new Flow(rs.getString(1), rs.getString(2)), Instant.EPOCH.plus(bucket.multipliedBy(rs.getLong(3))),
        rs.getLong(4), rs.getLong(5), rs.getBoolean(6), Sql.instantOfMicros(rs.getObject(7))));
    return new Measured<>(rows, Sql.inline(sql, params));
  }
}
