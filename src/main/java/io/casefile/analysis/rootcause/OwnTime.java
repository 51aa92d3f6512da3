package io.casefile.analysis.rootcause;

import java.util.Objects;

/** A service operation's own time (its spans' duration minus their children's) in both windows. */
public record OwnTime(String service, String operation, WindowStats baseline, WindowStats incident) {
  public OwnTime {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(incident, "incident");
  }
}
