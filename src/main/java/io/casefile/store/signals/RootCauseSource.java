package io.casefile.store.signals;

import io.casefile.analysis.rootcause.Buckets;
import io.casefile.model.TimeRange;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader.RootCauseData;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads what root-cause ranking needs from the store, in equal buckets over a range (baseline and
 * incident together, so any split can be compared): own times, call gaps, the sequences of calls
 * each operation's spans made, warning and error log templates and gauge points, plus which of
 * those signals the data holds. Busy stores are read through a deterministic sample of traces (by
 * trace id hash) of about {@link #MAX_SPANS} spans.
 */
final class RootCauseSource {
  static final long MAX_SPANS = 100_000;
  static final int MAX_LOG_ROWS = 50_000;
  static final int MAX_GAUGE_POINTS = 200_000;

  private final Connection db;

  RootCauseSource(Connection db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  Measured<RootCauseData> read(TimeRange range, Duration bucket) {
    int size = (int) Math.ceil((double) range.length().toMillis() / bucket.toMillis());
    Buckets buckets = new Buckets(Math.max(1, size));
    java.util.Set<String> tables = java.util.Set.copyOf(new BoundQuery(
        "SELECT table_name FROM information_schema.tables WHERE table_name IN ('logs', 'metric_points')", List.of())
        .rows(db, rs -> rs.getString(1)));
    SelectCoverage cq = new SelectCoverage(range, tables);
    SelectCoverage.Coverage cov = cq.run(db);
    SelectOwnTimesAndCalls sq = new SelectOwnTimesAndCalls(range, bucket, permille(cov.spans()));
    sq.run(db, buckets);
    SelectLogBuckets lq = new SelectLogBuckets(range, bucket, MAX_LOG_ROWS);
    SelectFlowLogs fq = new SelectFlowLogs(range, bucket, permille(cov.spans()), MAX_LOG_ROWS);
    if (cov.logs() > 0) {
      lq.run(db, buckets);
      if (cov.spans() > 0) {
        fq.run(db, buckets);
      }
    }
    SelectGaugePoints mq = new SelectGaugePoints(range, bucket, MAX_GAUGE_POINTS);
    if (cov.gaugePoints() > 0) {
      mq.run(db, buckets);
    }
    List<String> looked = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    if (cov.spans() > 0) {
      looked.add("own time and call latency from " + cov.spans() + " spans"
          + (permille(cov.spans()) < 1000 ? " (a " + permille(cov.spans()) / 10.0 + "% sample of traces)" : ""));
      if (cov.spansWithStatus() == 0) {
        missing.add("span errors: no span status in this data");
      }
    } else {
      missing.add("traces: no spans in this range");
    }
    if (cov.logsWithSeverity() > 0) {
      looked.add("warning and error log templates");
    } else {
      missing.add(cov.logs() > 0 ? "log levels: no severity on the log records" : "logs: none in this range");
    }
    if (cov.logs() > 0 && cov.spans() > 0) {
      looked.add("the log templates of each flow's requests");
    }
    if (cov.gaugePoints() > 0) {
      looked.add("gauges (" + cov.gaugePoints() + " points)");
    } else {
      missing.add("metrics: no gauges in this range");
    }
    return new Measured<>(new RootCauseData(buckets, sq.toString(), lq + ";\n" + fq, mq.toString(), looked, missing),
        cq.toString());
  }

  static int permille(long spans) {
    return (int) Math.max(1, Math.min(1000, 1000 * MAX_SPANS / Math.max(1, spans)));
  }
}
