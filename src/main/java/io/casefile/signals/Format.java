package io.casefile.signals;

import java.util.Locale;

/** Numbers as they read in claims. */
final class Format {
  private Format() {}

  static String percent(double share) {
    return String.format(Locale.ROOT, share >= 0.1 || share == 0 ? "%.0f%%" : "%.1f%%", share * 100);
  }

  static String duration(double micros) {
    if (Math.abs(micros) >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }
    if (Math.abs(micros) >= 1_000) {
      return String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f µs", micros);
  }

  static String count(double n) {
    return String.format(Locale.ROOT, "%,.0f", n);
  }

  static String number(double v) {
    double a = Math.abs(v);
    String f = a == 0 || (a >= 0.01 && a < 1e6) ? (a >= 100 ? "%.0f" : "%.3g") : "%.3e";
    return String.format(Locale.ROOT, f, v);
  }

  /** Rounds to 4 significant digits, to keep numbers maps readable. */
  static double round(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v;
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
  }
}
