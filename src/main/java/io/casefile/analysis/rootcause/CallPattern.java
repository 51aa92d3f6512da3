package io.casefile.analysis.rootcause;

import java.util.List;
import java.util.Objects;

/**
 * How often the spans of a service operation made one sequence of calls (their children in start
 * order, repeats of the same step in a row counted once) in the baseline and in the incident window.
 */
public record CallPattern(String service, String operation, List<CallStep> steps, long baseline, long incident) {
  public CallPattern {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    steps = List.copyOf(steps);
    if (baseline < 0 || incident < 0) {
      throw new IllegalArgumentException("pattern counts must be >= 0, got " + baseline + ", " + incident);
    }
  }
}
