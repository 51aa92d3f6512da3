package io.casefile.analysis.traces;

import java.util.Set;

/**
 * The error path of one failed request: its origin (the deepest erroring span reached by following
 * erroring children down from the request span), the origin's depth below the request, and the
 * services of every erroring span reached that way.
 */
public record ErrorPath(TraceSpan request, TraceSpan origin, int depth, Set<String> services) {
  public ErrorPath {
    if (depth < 0) {
      throw new IllegalArgumentException("error path depth must be >= 0, got " + depth);
    }
    services = Set.copyOf(services);
  }
}
