package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.LatencyAttributionAnalyser;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import java.util.List;

/**
 * Whose self-time made the flow's slow requests slower: {@link TelemetryReader#tailSelfTimes} +
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

  /** The attribution, or the reason the source cannot tell it. */
  public Measured<LatencyResult> analyse(TelemetryReader source, SignalRequest request) {
    Measured<TelemetryReader.TailProfiles> m = source.tailSelfTimes(request, quantile);
    return m.map(p -> new LatencyResult(request.flowLabel(), quantile, p.incident(), p.baseline(),
        analyser.analyse(p.incident(), p.baseline()), m.query()));
  }

  @Override
  public List<Finding> find(TelemetryReader source, SignalRequest request) {
    return analyse(source, request).orElse(LatencyResult::findings, List.of());
  }
}
