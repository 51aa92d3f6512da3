package io.casefile.analysis.rootcause;

import java.util.Objects;

/**
 * One step of a span's sequence of children: a call into {@code callee} (its operation there), or,
 * when {@code callee} is null, work of the span's own service ({@code operation} is then the
 * child's own name).
 */
public record CallStep(String callee, String operation) {
  public CallStep {
    Objects.requireNonNull(operation, "operation");
  }

  boolean isCall() {
    return callee != null;
  }
}
