package io.casefile.store.signals;

import io.casefile.analysis.metrics.MetricPoint;
import io.casefile.analysis.traces.PeerBucket;
import io.casefile.model.SignalRequest;
import io.casefile.model.TimeRange;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader.ErrorOrigins;
import io.casefile.store.TelemetryReader.PeerHealth;
import io.casefile.store.TelemetryReader.RootCauseData;
import io.casefile.store.TelemetryReader.TailProfiles;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The signals' reads over the DuckDB tables, each answered with the SQL that reproduces it: error
 * origins and tail self-times over a deterministic sample of recent traces, peer health, metric
 * points and what root-cause ranking reads.
 */
public final class SignalQueries {
  private final Connection db;

  /** Queries on a reader connection the caller owns. */
  public SignalQueries(Connection db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  public Measured<ErrorOrigins> errorOrigins(SignalRequest r) {
    SpanSql.Fragment failed = new SpanSql.Fragment("is_error", List.of());
    RecentSample sample = RecentSample.find(db, r, failed, failed);
    SelectErrorOrigins q = new SelectErrorOrigins(r, SpanSql.peer(db), sample);
    SelectErrorOrigins.Tallies t = q.run(db);
    String examined = t.incident().sampled() ? sample.describeIncident() : "all";
    return new Measured<>(new ErrorOrigins(t.incident(), t.baseline(), examined),
        q + ";\n-- the examined slices:\n" + sample);
  }

  public Measured<TailProfiles> tailSelfTimes(SignalRequest r, double quantile) {
    SelectSlowThresholds t = new SelectSlowThresholds(r, quantile);
    SelectSlowThresholds.Threshold[] thresholds = t.run(db);
    RecentSample sample = RecentSample.find(db, r,
        new SpanSql.Fragment("duration_us >= ?", List.of(thresholds[0].micros())),
        new SpanSql.Fragment("duration_us >= ?", List.of(thresholds[1].micros())));
    SelectTailSelfTimes q = new SelectTailSelfTimes(r, thresholds, SpanSql.peer(db), sample);
    SelectTailSelfTimes.Profiles p = q.run(db);
    return new Measured<>(new TailProfiles(p.incident(), p.baseline()),
        q + ";\n-- the slow thresholds:\n" + t + ";\n-- the examined slices:\n" + sample);
  }

  public Measured<PeerHealth> peerHealth(SignalRequest r) {
    SelectPeerHealth q = new SelectPeerHealth(r, SpanSql.peer(db));
    SelectPeerHealth.Stats stats = q.run(db);
    return new Measured<>(new PeerHealth(stats.incident(), stats.baseline()), q.toString());
  }

  public Measured<List<PeerBucket>> peerBuckets(String peer, TimeRange window, long bucketSeconds) {
    SelectPeerBuckets q = new SelectPeerBuckets(peer, window, bucketSeconds, SpanSql.peer(db));
    return new Measured<>(q.run(db), q.toString());
  }

  public Measured<List<MetricPoint>> metricPoints(String service, SignalRequest r, int maxPoints) {
    SelectMetricPoints q = new SelectMetricPoints(service, r, maxPoints);
    return new Measured<>(q.run(db), q.toString());
  }

  public Measured<RootCauseData> rootCauseData(TimeRange range, Duration bucket) {
    return new RootCauseSource(db).read(range, bucket);
  }
}
