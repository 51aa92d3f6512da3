package io.casefile.analysis.rootcause;

import java.util.Locale;

/** What kind of evidence points at a service. */
public enum CauseKind {
  ERRORS, LATENCY, LOGS, RESOURCE, TRAFFIC;

  /** The wire name: {@code latency}, {@code logs}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
