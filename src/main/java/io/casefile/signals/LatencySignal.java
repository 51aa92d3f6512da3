package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.LatencyAttributionAnalyser;
import java.sql.Connection;
import java.util.List;

/**
 * Whose self-time made the flow's slow requests slower: {@link SelectTailSelfTimes} +
 * {@link LatencyAttributionAnalyser}. Slow requests are those at or above the window's own
 * {@code quantile} (default p90) of duration.
 */
public final class LatencySignal implements SignalSource {
  public static final double DEFAULT_QUANTILE = 0.9;

  private final LatencyAttributionAnalyser analyser;
  private final double quantile;

  public LatencySignal(LatencyAttributionAnalyser analyser, double quantile) {
    if (!(quantile >= 0 && quantile < 1)) {
      throw new IllegalArgumentException("slow-request quantile must be in [0, 1), got " + quantile);
    }
    this.analyser = analyser;
    this.quantile = quantile;
  }

  public LatencySignal() {
    this(new LatencyAttributionAnalyser(), DEFAULT_QUANTILE);
  }

  @Override
  public String kind() {
    return "latency";
  }

  public LatencyResult analyse(Connection db, SignalRequest request) {
    SelectSlowThresholds t = new SelectSlowThresholds(request, quantile);
    SelectSlowThresholds.Threshold[] thresholds = t.run(db);
    RecentSample sample = RecentSample.find(db, request,
        new SpanSql.Fragment("duration_us >= ?", List.of(thresholds[0].micros())),
        new SpanSql.Fragment("duration_us >= ?", List.of(thresholds[1].micros())));
    SelectTailSelfTimes q = new SelectTailSelfTimes(request, thresholds,
        SpanSql.peer(db), sample);
    SelectTailSelfTimes.Profiles p = q.run(db);
    return new LatencyResult(request.flowLabel(), quantile, p.incident(), p.baseline(),
        analyser.analyse(p.incident(), p.baseline()), q + ";\n-- the slow thresholds:\n" + t
            + ";\n-- the examined slices:\n" + sample);
  }

  @Override
  public List<Finding> find(Connection db, SignalRequest request) {
    return analyse(db, request).findings();
  }
}
