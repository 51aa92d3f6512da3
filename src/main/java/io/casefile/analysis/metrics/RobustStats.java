package io.casefile.analysis.metrics;

import java.util.Arrays;

/** Median, MAD and the robust z-score built from them. */
public final class RobustStats {
  /** Scales the MAD to a standard deviation for normal data. */
  static final double MAD_TO_SIGMA = 1.4826;
  /** |z| is capped here so a shift from a perfectly flat baseline stays a finite, rankable number. */
  static final double MAX_Z = 1_000;

  private RobustStats() {}

  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  public static double mad(double[] values) {
    double m = median(values);
    double[] dev = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      dev[i] = Math.abs(values[i] - m);
    }
    return median(dev);
  }

  /**
   * (median(incident) - median(baseline)) / (1.4826 MAD(baseline)); the scale is floored at 5% of
   * the baseline median (and 1e-9) so a flat baseline does not divide by zero.
   */
  public static double z(double incidentMedian, double baselineMedian, double baselineMad) {
    double scale = Math.max(MAD_TO_SIGMA * baselineMad, Math.max(0.05 * Math.abs(baselineMedian), 1e-9));
    double z = (incidentMedian - baselineMedian) / scale;
    return Math.max(-MAX_Z, Math.min(MAX_Z, z));
  }
}
