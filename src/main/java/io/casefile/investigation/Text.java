package io.casefile.investigation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting for claims and the terminal report. */
final class Text {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private Text() {}

  static double round(double v) {
    if (!Double.isFinite(v)) {
      return v;
    }
    double a = Math.abs(v);
    double scale = a >= 100 ? 10 : a >= 1 ? 1000 : 1e6;
    return Math.round(v * scale) / scale;
  }

  /** A percentage that never rounds a fraction to 0% or to 100% (an objective of 99.9% stays 99.9%). */
  static String percent(double ratio) {
    double p = ratio * 100;
    if (p != 0 && Math.abs(p) < 0.1) {
      return String.format(Locale.ROOT, "%.2f%%", p);
    }
    if (p > 99 && p < 100) {
      String s = String.format(Locale.ROOT, "%.1f%%", p);
      return s.equals("100.0%") ? String.format(Locale.ROOT, "%.3f%%", p).replaceAll("0+%$", "%") : s;
    }
    return Math.abs(p) >= 10 ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%.1f%%", p);
  }

  static String count(double n) {
    return String.format(Locale.ROOT, "%,d", Math.round(n));
  }

  static String ms(double ms) {
    return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  static String clock(Instant t) {
    return CLOCK.format(t);
  }

  static String duration(Duration d) {
    long s = Math.abs(d.toSeconds());
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return (s / 60) + " min";
    }
    return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
  }

  /** The signal's value with its unit: {@code 18.2%}, {@code 840 ms}, {@code 1,200/min}. */
  static String value(Window w) {
    return switch (w.unit()) {
      case "ratio" -> percent(w.value());
      case "ms" -> ms(w.value());
      default -> count(w.value()) + "/min";
    };
  }
}
