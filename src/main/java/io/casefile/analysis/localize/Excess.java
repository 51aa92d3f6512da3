package io.casefile.analysis.localize;

/**
 * Leaves as observed and expected amounts of one additive quantity, with a noise model. For a
 * ratio KPI the quantity is the numerator, and a leaf's expected numerator is its current
 * denominator times its baseline ratio (the overall baseline ratio for a leaf without history):
 * the excess over what the baseline rate predicts for the traffic actually seen.
 *
 * <p>Noise: the variance of a leaf's residual is {@code phi·e + c²·e²} — a Poisson term for counts
 * plus a multiplicative term for forecast error. Counts (whole-number observations) get
 * {@code phi = 1}; other measures get {@code phi = 0}. The relative error {@code c} is estimated
 * robustly (median absolute deviation) from the leaves themselves, so a minority of anomalous
 * leaves does not inflate it.
 */
final class Excess {
  final double[] observed;
  final double[] expected;
  final double phi;
  final double c2;

  private Excess(double[] observed, double[] expected, double phi, double c2) {
    this.observed = observed;
    this.expected = expected;
    this.phi = phi;
    this.c2 = c2;
  }

  static Excess of(LeafTable t, Kpi kpi) {
    int n = t.size;
    double[] o = new double[n];
    double[] e = new double[n];
    if (kpi == Kpi.ADDITIVE) {
      for (int i = 0; i < n; i++) {
        o[i] = t.real[i];
        e[i] = t.predicted[i];
      }
    } else {
      double pa = 0;
      double pb = 0;
      for (int i = 0; i < n; i++) {
        pa += t.predicted[i];
        pb += t.predictedDenominator[i];
      }
      double overall = Scores.ratio(pa, pb);
      // One pseudo-event at the overall rate: a leaf's baseline from a short history is shrunk
      // towards the overall rate, so a leaf with no event in its baseline is not "infinitely" surprising.
      double pseudoDenominator = overall > 0 ? 1 / overall : 0;
      double pseudoNumerator = overall > 0 ? 1 : 0;
      for (int i = 0; i < n; i++) {
        double denominator = t.predictedDenominator[i] + pseudoDenominator;
        double rate = denominator > 0 ? (t.predicted[i] + pseudoNumerator) / denominator : overall;
        o[i] = t.real[i];
        e[i] = t.realDenominator[i] * rate;
      }
    }
    boolean counts = true;
    for (int i = 0; i < n && counts; i++) {
      counts = o[i] == Math.rint(o[i]) && o[i] >= 0;
    }
    double phi = counts ? 1 : 0;
    return new Excess(o, e, phi, relativeNoise(o, e, counts));
  }

  /**
   * The squared relative forecast error: for counts, from leaves large enough that Poisson noise
   * does not dominate (expected ≥ 20), minus the Poisson part; otherwise from every leaf.
   */
  private static double relativeNoise(double[] o, double[] e, boolean counts) {
    int n = o.length;
    double[] rel = new double[n];
    double[] inverse = new double[n];
    int m = 0;
    double minExpected = counts ? 20 : 0;
    for (int i = 0; i < n; i++) {
      if (e[i] > minExpected) {
        rel[m] = (o[i] - e[i]) / e[i];
        inverse[m] = 1 / e[i];
        m++;
      }
    }
    if (m < 8) {
      return 0;
    }
    double mad = Robust.mad(java.util.Arrays.copyOf(rel, m));
    double s2 = 1.4826 * 1.4826 * mad * mad;
    if (counts) {
      s2 -= Robust.median(java.util.Arrays.copyOf(inverse, m));
    }
    return Math.max(0, s2);
  }

  double variance(double sumExpected, double sumExpectedSquared) {
    return phi * Math.max(sumExpected, 0) + c2 * sumExpectedSquared;
  }
}
