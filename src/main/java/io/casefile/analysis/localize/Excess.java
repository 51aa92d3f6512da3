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
 * robustly (median absolute deviation) from the leaves outside the element under test, so the
 * anomaly does not inflate the noise it is tested against.
 */
final class Excess {
  final double[] observed;
  final double[] expected;
  final double phi;
  final boolean counts;

  private Excess(double[] observed, double[] expected, boolean counts) {
    this.observed = observed;
    this.expected = expected;
    this.counts = counts;
    this.phi = counts ? 1 : 0;
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
    return new Excess(o, e, counts);
  }

  /**
   * The squared relative forecast error: for counts, from leaves large enough that Poisson noise
   * does not dominate (expected ≥ 20), minus the Poisson part; otherwise from every leaf.
   */
  double relativeNoise(boolean[] include) {
    double[] o = observed;
    double[] e = expected;
    int n = o.length;
    double[] rel = new double[n];
    double[] inverse = new double[n];
    int m = 0;
    double minExpected = counts ? 20 : 0;
    for (int i = 0; i < n; i++) {
      if (include[i] && e[i] > minExpected) {
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

  double variance(double sumExpected, double sumExpectedSquared, double c2) {
    return phi * Math.max(sumExpected, 0) + c2 * sumExpectedSquared;
  }

  /**
   * The signed deviance residual of an element, scaled by the dispersion of the noise model:
   * {@code sign(O − E)·sqrt(2G·E / V)}. Unlike the Pearson residual it stays close to normal for
   * small counts (2 errors where 0.05 were expected is not a 9-sigma event); for small deviations
   * it equals {@code (O − E)/sqrt(V)}.
   */
  double z(double observed, double expected, double sumExpectedSquared, double gain, double c2) {
    double variance = variance(expected, sumExpectedSquared, c2);
    double sign = Math.signum(observed - expected);
    if (!(variance > 0)) {
      return sign * Double.MAX_VALUE;
    }
    double dispersion = variance / Math.max(expected, 1e-9);
    return sign * Math.sqrt(2 * gain / dispersion);
  }
}
