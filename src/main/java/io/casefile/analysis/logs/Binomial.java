package io.casefile.analysis.logs;

/** Exact binomial tail probabilities through the regularised incomplete beta function. */
final class Binomial {
  private Binomial() {}

  /** P(X >= k) for X ~ Binomial(n, p). */
  static double upperTail(long k, long n, double p) {
    if (k <= 0) {
      return 1.0;
    }
    if (k > n) {
      return 0.0;
    }
    if (p <= 0) {
      return 0.0;
    }
    if (p >= 1) {
      return 1.0;
    }
    // P(X >= k) = I_p(k, n - k + 1)
    return regularizedBeta(p, k, n - k + 1.0);
  }

  /** I_x(a, b), evaluated with the continued fraction on whichever side converges fast. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0.0;
    }
    if (x >= 1) {
      return 1.0;
    }
    double logFront = logGamma(a + b) - logGamma(a) - logGamma(b)
        + a * Math.log(x) + b * Math.log1p(-x);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(logFront) * continuedFraction(x, a, b) / a;
    }
    return 1.0 - Math.exp(logFront) * continuedFraction(1 - x, b, a) / b;
  }

  /** Modified Lentz evaluation of the incomplete beta continued fraction. */
  private static double continuedFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    final double eps = 1e-15;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1.0 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1.0 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1.0 / d;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1.0 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1.0 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1.0 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1.0) < eps) {
        break;
      }
    }
    return h;
  }

  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** log Γ(x) for x > 0 (Lanczos, g = 7). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    double t = z + 7.5;
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
