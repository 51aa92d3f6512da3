package io.casefile.store.signals;

import io.casefile.analysis.traces.PeerBucket;
import io.casefile.model.TimeRange;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/** Client calls to one peer per time bucket of a window: calls, errors and p99 duration. */
final class SelectPeerBuckets {
  private final BoundQuery query;
  private final long bucketSeconds;

  SelectPeerBuckets(String peer, TimeRange window, long bucketSeconds, String peerExpression) {
    this.bucketSeconds = bucketSeconds;
    query = new BoundQuery.Builder()
        .sql("SELECT epoch_us(start_time) // ").value(bucketSeconds * 1_000_000L)
        .sql(" AS bucket, count(*) AS calls, count(*) FILTER (WHERE is_error) AS errors,"
            + " quantile_cont(duration_us, 0.99) AS p99\nFROM spans\nWHERE kind = 3 AND ")
        .sql(peerExpression).sql(" = ").value(peer)
        .sql(" AND start_time >= ").value(window.from()).sql(" AND start_time < ").value(window.to())
        .sql("\nGROUP BY ALL\nORDER BY bucket")
        .build();
  }

  List<PeerBucket> run(Connection db) {
    return query.rows(db, rs -> new PeerBucket(
        Instant.ofEpochSecond(rs.getLong("bucket") * bucketSeconds),
        rs.getLong("calls"), rs.getLong("errors"), rs.getDouble("p99")));
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
