package io.casefile.store;

import java.util.Map;
import java.util.Set;

/**
 * One metric data point: a sum or gauge value, or a histogram (value = its sum, count, explicit
 * bounds and bucket counts).
 */
public record MetricPoint(
    long timeMicros,
    String service,
    String name,
    String unit,
    String kind,
    double value,
    Long count,
    double[] bounds,
    long[] bucketCounts,
    Map<String, String> attributes) {

  private static final Set<String> KINDS = Set.of("sum", "gauge", "histogram");

  public MetricPoint {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("metric kind must be sum, gauge or histogram, got: " + kind);
    }
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("metric name is required");
    }
    attributes = attributes == null ? Map.of() : attributes;
  }
}
