package io.casefile.ingest;

import io.casefile.store.MetricPoint;
import io.casefile.store.TelemetryBatch;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flattens an OTLP metrics export into points: sums, gauges, explicit-bucket histograms and
 * exponential histograms (stored as their explicit buckets). Summaries are rejected (counted) as
 * not supported.
 */
final class MetricFlattener {
  private final IngestLimits limits;
  private final long maxMicros;
  private final List<MetricPoint> rows = new ArrayList<>();
  private long rejected;
  private long dropped;
  private String problem;

  MetricFlattener(IngestLimits limits, long nowMicros) {
    this.limits = limits;
    this.maxMicros = nowMicros + limits.maxFutureSkew().toNanos() / 1000;
  }

  Decoded flatten(ExportMetricsServiceRequest request) {
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      List<KeyValue> resource = rm.getResource().getAttributesList();
      String service = Attributes.serviceName(resource);
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          switch (m.getDataCase()) {
            case SUM -> m.getSum().getDataPointsList().forEach(p -> number(service, resource, m, "sum", p));
            case GAUGE -> m.getGauge().getDataPointsList().forEach(p -> number(service, resource, m, "gauge", p));
            case HISTOGRAM -> m.getHistogram().getDataPointsList().forEach(p -> histogram(service, resource, m, p));
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsList()
                .forEach(p -> exponential(service, resource, m, p));
            case SUMMARY -> reject(m.getSummary().getDataPointsCount(),
                "metric '" + m.getName() + "': summaries are not supported");
            case DATA_NOT_SET -> reject(1, "metric '" + m.getName() + "' has no data");
          }
        }
      }
    }
    String message = Messages.combine(rejected, "data points", problem, dropped, limits);
    return new Decoded(new TelemetryBatch(List.of(), List.of(), rows), rejected, message);
  }

  private void number(String service, List<KeyValue> resource, Metric m, String kind, NumberDataPoint p) {
    Long micros = time(m, p.getTimeUnixNano());
    if (micros == null) {
      return;
    }
    double value = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
    rows.add(new MetricPoint(micros, service, m.getName(), unit(m), kind, value, null, null, null,
        attributes(resource, p.getAttributesList())));
  }

  private void histogram(String service, List<KeyValue> resource, Metric m, HistogramDataPoint p) {
    Long micros = time(m, p.getTimeUnixNano());
    if (micros == null) {
      return;
    }
    double[] bounds = p.getExplicitBoundsList().stream().mapToDouble(Double::doubleValue).toArray();
    long[] counts = p.getBucketCountsList().stream().mapToLong(Long::longValue).toArray();
    if (counts.length != 0 && counts.length != bounds.length + 1) {
      reject(1, "metric '" + m.getName() + "': " + counts.length + " bucket counts for "
          + bounds.length + " bounds (expected bounds + 1)");
      return;
    }
    rows.add(new MetricPoint(micros, service, m.getName(), unit(m), "histogram", p.getSum(), p.getCount(),
        bounds, counts, attributes(resource, p.getAttributesList())));
  }

  /**
   * An exponential histogram (the default in several SDKs) as explicit buckets: bucket i of scale s
   * covers (base^i, base^(i+1)] with base = 2^(2^-s), negative buckets mirror it, and the zero
   * bucket sits between them.
   */
  private void exponential(String service, List<KeyValue> resource, Metric m, ExponentialHistogramDataPoint p) {
    Long micros = time(m, p.getTimeUnixNano());
    if (micros == null) {
      return;
    }
    if (p.getScale() < -10 || p.getScale() > 20) {
      reject(1, "metric '" + m.getName() + "': exponential histogram scale " + p.getScale() + " is outside -10..20");
      return;
    }
    double base = Math.pow(2, Math.pow(2, -p.getScale()));
    var neg = p.getNegative();
    var pos = p.getPositive();
    int n = neg.getBucketCountsCount();
    int k = pos.getBucketCountsCount();
    double[] bounds = new double[n + 1 + k];
    long[] counts = new long[n + 2 + k];
    for (int i = 0; i < n; i++) {
      int j = n - 1 - i;
      bounds[i] = -Math.pow(base, neg.getOffset() + j);
      counts[i] = neg.getBucketCounts(j);
    }
    counts[n] = p.getZeroCount();
    for (int i = 0; i <= k; i++) {
      bounds[n + i] = Math.pow(base, pos.getOffset() + i);
    }
    for (int i = 0; i < k; i++) {
      counts[n + 1 + i] = pos.getBucketCounts(i);
    }
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1]) || !Double.isFinite(bounds[i])) {
        reject(1, "metric '" + m.getName() + "': exponential histogram buckets out of the representable range");
        return;
      }
    }
    rows.add(new MetricPoint(micros, service, m.getName(), unit(m), "histogram", p.getSum(), p.getCount(),
        bounds, counts, attributes(resource, p.getAttributesList())));
  }

  private Long time(Metric m, long nanos) {
    long micros = nanos / 1000;
    if (nanos <= 0 || micros > maxMicros) {
      reject(1, "metric '" + m.getName() + "': point time " + Long.toUnsignedString(nanos)
          + " ns is missing, before 1970 or more than " + limits.maxFutureSkew() + " in the future");
      return null;
    }
    return micros;
  }

  private Map<String, String> attributes(List<KeyValue> resource, List<KeyValue> point) {
    Map<String, String> attrs = Attributes.newMap();
    dropped += Attributes.merge(resource, point, limits, attrs);
    return attrs;
  }

  private static String unit(Metric m) {
    return m.getUnit().isEmpty() ? null : m.getUnit();
  }

  private void reject(int count, String why) {
    rejected += count;
    if (problem == null) {
      problem = why;
    }
  }
}
