package io.casefile.analysis.localize;

import java.util.Arrays;

/** Robust statistics and normal tail helpers. */
final class Robust {
  private Robust() {}

  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** Median absolute deviation from the median. */
  static double mad(double[] values) {
    double m = median(values);
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(values[i] - m);
    }
    return median(d);
  }

  /** Two-sided normal tail probability P(|Z| ≥ z), accurate to ~1e-7 relative (erfc, Numerical Recipes). */
  static double twoSidedTail(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * x);
    double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return erfc;
  }

  /** The |z| whose two-sided tail probability is p (bisection on {@link #twoSidedTail}). */
  static double criticalZ(double p) {
    double lo = 0;
    double hi = 40;
    for (int k = 0; k < 100; k++) {
      double mid = (lo + hi) / 2;
      if (twoSidedTail(mid) > p) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}
