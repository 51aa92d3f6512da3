package io.casefile.demo;

import io.casefile.model.ChangeEvent;
import java.util.List;
import java.util.Objects;

/** A scenario laid out on the simulated clock: its changes, deploys, behaviour and ground truth. */
record Plan(List<ChangeEvent> changes, List<Rollout> rollouts, Injection injection, GroundTruth truth) {
  Plan {
    changes = List.copyOf(changes);
    rollouts = List.copyOf(rollouts);
    Objects.requireNonNull(injection, "injection");
    Objects.requireNonNull(truth, "truth");
  }

  String version(String service, String region, long atNanos) {
    for (Rollout r : rollouts) {
      String v = r.version(service, region, atNanos);
      if (v != null) {
        return v;
      }
    }
    return Shop.VERSIONS.get(service);
  }
}
