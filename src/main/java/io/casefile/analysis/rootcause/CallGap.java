package io.casefile.analysis.rootcause;

import java.util.Objects;

/**
 * Calls from {@code caller} into {@code callee} in both windows: how many, and the gap between the
 * caller's span and the callee's server span under it (what the caller waits beyond the callee's
 * own handling: network, queueing, connection set-up).
 */
public record CallGap(String caller, String callee, WindowStats baseline, WindowStats incident) {
  public CallGap {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(incident, "incident");
    if (caller.equals(callee)) {
      throw new IllegalArgumentException("a call gap is between two services, got " + caller + " twice");
    }
  }
}
