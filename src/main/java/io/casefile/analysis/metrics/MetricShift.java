package io.casefile.analysis.metrics;

/**
 * A metric statistic that moved: {@code stat} is {@code rate} (per second, from sums and histogram
 * counts), {@code value} (gauges and non-monotonic sums), {@code mean} or {@code p99} (histograms).
 * Medians are over the window's per-bucket values; {@code z} is the robust z-score.
 */
public record MetricShift(String name, String stat, String unit, double baselineMedian,
    double baselineMad, double incidentMedian, double z, int baselineBuckets, int incidentBuckets,
    int series) {

  public MetricShift {
    if (name == null || name.isBlank() || stat == null || stat.isBlank()) {
      throw new IllegalArgumentException("metric shift needs a name and a stat, got " + name + "/" + stat);
    }
  }
}
