package io.casefile.analysis.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One metric point (a {@code metric_points} row). {@code series} identifies the attribute set
 * (any stable text, e.g. the attributes rendered in key order). For histograms {@code value} is the
 * sum, {@code count} the count and {@code bounds}/{@code bucketCounts} the explicit buckets
 * (bucketCounts has one more entry than bounds; both may be empty).
 */
public record MetricPoint(Instant time, String name, String series, MetricKind kind, String unit,
    double value, long count, double[] bounds, long[] bucketCounts) {

  public MetricPoint {
    Objects.requireNonNull(time, "metric point time");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("metric name is required");
    }
    Objects.requireNonNull(kind, "metric kind");
    series = series == null ? "" : series;
    unit = unit == null ? "" : unit;
    bounds = bounds == null ? new double[0] : bounds.clone();
    bucketCounts = bucketCounts == null ? new long[0] : bucketCounts.clone();
    if (bucketCounts.length != 0 && bucketCounts.length != bounds.length + 1) {
      throw new IllegalArgumentException("histogram " + name + " has " + bounds.length
          + " bounds but " + bucketCounts.length + " bucket counts (want bounds + 1)");
    }
  }

  public static MetricPoint sum(Instant t, String name, String series, double value) {
    return new MetricPoint(t, name, series, MetricKind.SUM, "", value, 0, null, null);
  }

  public static MetricPoint gauge(Instant t, String name, String series, double value) {
    return new MetricPoint(t, name, series, MetricKind.GAUGE, "", value, 0, null, null);
  }

  public static MetricPoint histogram(Instant t, String name, String series, double sum,
      long count, double[] bounds, long[] bucketCounts) {
    return new MetricPoint(t, name, series, MetricKind.HISTOGRAM, "", sum, count, bounds, bucketCounts);
  }

  @Override
  public double[] bounds() {
    return bounds.clone();
  }

  @Override
  public long[] bucketCounts() {
    return bucketCounts.clone();
  }
}
