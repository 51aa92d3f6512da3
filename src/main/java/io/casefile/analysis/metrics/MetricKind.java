package io.casefile.analysis.metrics;

import java.util.Locale;

/** The metric kinds stored in {@code metric_points.kind}. */
public enum MetricKind {
  SUM, GAUGE, HISTOGRAM;

  public static MetricKind parse(String text) {
    if (text != null) {
      for (MetricKind k : values()) {
        if (k.name().equalsIgnoreCase(text.trim())) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException("metric kind must be sum|gauge|histogram, got: " + text);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
