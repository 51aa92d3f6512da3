package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.metrics.MetricPoint;
import io.casefile.analysis.metrics.MetricShiftAnalyser;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics that moved on the implicated services: {@link SelectMetricPoints} +
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

  public MetricResult analyse(Connection db, SignalRequest request, String service) {
    SelectMetricPoints q = new SelectMetricPoints(service, request, maxPoints);
    List<MetricPoint> points = q.run(db);
    return new MetricResult(service,
        new MetricShiftAnalyser(options).analyse(points, request.baseline(), request.incident()),
        points.size(), points.size() >= maxPoints, options.bucketSeconds(), q.toString());
  }

  /** One result per service of {@link SignalRequest#metricServices()}. */
  public List<MetricResult> analyse(Connection db, SignalRequest request) {
    List<MetricResult> out = new ArrayList<>();
    for (String service : request.metricServices()) {
      out.add(analyse(db, request, service));
    }
    return out;
  }

  @Override
  public List<Finding> find(Connection db, SignalRequest request) {
    return analyse(db, request).stream().flatMap(r -> r.findings().stream()).toList();
  }
}
