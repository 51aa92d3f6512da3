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

  /** The version the latest rollout that reached the region installed, else the one before the first rollout. */
  String version(String service, String region, long atNanos) {
    String before = null;
    for (int i = rollouts.size() - 1; i >= 0; i--) {
      Rollout r = rollouts.get(i);
      if (r.service().equals(service)) {
        if (atNanos >= r.switchNanos(region)) {
          return r.toVersion();
        }
        before = r.fromVersion();
      }
    }
    return before != null ? before : Shop.VERSIONS.get(service);
  }

  Plan withRollout(Rollout r) {
    var all = new java.util.ArrayList<>(rollouts);
    all.add(r);
    return new Plan(changes, all, injection, truth);
  }
}
