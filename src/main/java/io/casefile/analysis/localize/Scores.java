package io.casefile.analysis.localize;

/**
 * Per-leaf scores shared by the methods: the leaf's KPI value and forecast (the ratio for ratio
 * KPIs), its relative deviation {@code 2(f − v)/(f + v)}, and its explanatory power: its share of
 * the total change of the KPI (additive) or its first-order contribution to the change of the
 * ratio (derived, as in HotSpot and Squeeze), normalised to sum to one.
 */
final class Scores {
  final double[] value;
  final double[] forecast;
  final double[] deviation;
  final double[] ep;

  private Scores(double[] value, double[] forecast, double[] deviation, double[] ep) {
    this.value = value;
    this.forecast = forecast;
    this.deviation = deviation;
    this.ep = ep;
  }

  static Scores of(LeafTable t, Kpi kpi) {
    int n = t.size;
    double[] v = new double[n];
    double[] f = new double[n];
    double[] ep = new double[n];
    if (kpi == Kpi.ADDITIVE) {
      for (int i = 0; i < n; i++) {
        v[i] = t.real[i];
        f[i] = t.predicted[i];
        ep[i] = v[i] - f[i];
      }
    } else {
      double fa = 0;
      double fb = 0;
      for (int i = 0; i < n; i++) {
        fa += t.predicted[i];
        fb += t.predictedDenominator[i];
      }
      for (int i = 0; i < n; i++) {
        v[i] = ratio(t.real[i], t.realDenominator[i]);
        f[i] = ratio(t.predicted[i], t.predictedDenominator[i]);
        double da = t.real[i] - t.predicted[i];
        double db = t.realDenominator[i] - t.predictedDenominator[i];
        double d = fb * (fb + db);
        ep[i] = d == 0 ? 0 : (da * fb - db * fa) / d;
      }
    }
    double total = 0;
    for (double e : ep) total += e;
    if (total != 0) {
      for (int i = 0; i < n; i++) ep[i] /= Math.abs(total);
    }
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = f[i] + v[i];
      dev[i] = sum == 0 ? 0 : 2 * (f[i] - v[i]) / sum;
    }
    return new Scores(v, f, dev, ep);
  }

  static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }
}
