package io.casefile.signals;

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
    SelectTailSelfTimes q = new SelectTailSelfTimes(request, quantile, SpanSql.peer(SpanSql.spanColumns(db)));
    SelectTailSelfTimes.Profiles p = q.run(db);
    return new LatencyResult(request.flowLabel(), quantile, p.incident(), p.baseline(),
        analyser.analyse(p.incident(), p.baseline()), q.toString());
  }

  @Override
  public List<Finding> find(Connection db, SignalRequest request) {
    return analyse(db, request).findings();
  }
}
