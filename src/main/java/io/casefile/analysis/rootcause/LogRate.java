package io.casefile.analysis.rootcause;

import java.util.Objects;

/** A service's warning-or-worse log template: its highest severity number and counts in both windows. */
public record LogRate(String service, String template, int severity, long baseline, long incident) {
  /** OpenTelemetry severity numbers: WARN is 13–16, ERROR 17–20, FATAL 21–24. */
  public static final int WARNING = 13;
  public static final int ERROR = 17;

  public LogRate {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(template, "template");
    if (baseline < 0 || incident < 0) {
      throw new IllegalArgumentException("log counts must be >= 0, got " + baseline + ", " + incident);
    }
  }
}
