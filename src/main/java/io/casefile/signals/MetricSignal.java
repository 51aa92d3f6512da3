package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.metrics.MetricPoint;
import io.casefile.analysis.metrics.MetricShiftAnalyser;
import io.casefile.model.SignalRequest;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics that moved on the implicated services: {@link TelemetryReader#metricPoints} +
 * {@link MetricShiftAnalyser}, one result per service.
 */
public final class MetricSignal implements SignalSource {
  public static final int DEFAULT_MAX_POINTS = 200_000;

  private final MetricShiftAnalyser.Options options;
  private final int maxPoints;

  public MetricSignal(MetricShiftAnalyser.Options options, int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be >= 1, got " + maxPoints);
    }
    this.options = options;
    this.maxPoints = maxPoints;
  }

  public MetricSignal() {
    this(MetricShiftAnalyser.Options.defaults(), DEFAULT_MAX_POINTS);
  }

  @Override
  public String kind() {
    return "metric";
  }

  /** The service's moved metrics, or the reason the source cannot tell them. */
  public Measured<MetricResult> analyse(TelemetryReader source, SignalRequest request, String service) {
    Measured<List<MetricPoint>> m = source.metricPoints(service, request, maxPoints);
    return m.map(points -> new MetricResult(service,
        new MetricShiftAnalyser(options).analyse(points, request.baseline(), request.incident()),
        points.size(), points.size() >= maxPoints, options.bucketSeconds(), m.query()));
  }

  /** One result per service of {@link SignalRequest#metricServices()}. */
  public List<MetricResult> analyse(TelemetryReader source, SignalRequest request) {
    List<MetricResult> out = new ArrayList<>();
    for (String service : request.metricServices()) {
      Measured<MetricResult> r = analyse(source, request, service);
      if (r.available()) {
        out.add(r.value());
      }
    }
    return out;
  }

  @Override
  public List<Finding> find(TelemetryReader source, SignalRequest request) {
    return analyse(source, request).stream().flatMap(r -> r.findings().stream()).toList();
  }
}
