package io.casefile.analysis.rootcause;

/**
 * Count, mean and sample variance of a value in one window (times are on a log scale,
 * {@code ln(1 + ms)}, so heavy tails do not dominate the mean).
 */
public record WindowStats(long n, double mean, double variance) {
  public static final WindowStats EMPTY = new WindowStats(0, 0, 0);

  public WindowStats {
    if (n < 0) {
      throw new IllegalArgumentException("window count must be >= 0, got " + n);
    }
    if (!Double.isFinite(mean) || !Double.isFinite(variance) || variance < 0) {
      throw new IllegalArgumentException("window mean and variance must be finite (variance >= 0), got "
          + mean + ", " + variance);
    }
  }

  /**
   * Welch's t statistic of this window's mean against the baseline's; 0 when either side has fewer
   * than {@code minN} values. The variance is floored at {@code floor} so a constant baseline gives a
   * finite statistic.
   */
  public double t(WindowStats baseline, int minN, double floor) {
    if (n < minN || baseline.n < minN) {
      return 0;
    }
    double se = Math.sqrt(Math.max(variance, floor) / n + Math.max(baseline.variance, floor) / baseline.n);
    return (mean - baseline.mean) / se;
  }
}
