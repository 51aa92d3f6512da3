package io.casefile.demo;

import java.util.List;
import java.util.Objects;

/**
 * A rolling deploy: the instance of {@code service} in each region switches from
 * {@code fromVersion} to {@code toVersion}, region by region in {@code order}, the first at
 * {@code firstSwitchNanos} and each next one {@code stepNanos} later.
 */
record Rollout(String service, String fromVersion, String toVersion, List<String> order,
    long firstSwitchNanos, long stepNanos) {

  Rollout {
    Objects.requireNonNull(service, "service");
    order = List.copyOf(order);
    if (!Shop.REGIONS.containsAll(order) || order.size() != Shop.REGIONS.size()) {
      throw new IllegalArgumentException("rollout order must name every region once, got " + order);
    }
    if (stepNanos < 0) {
      throw new IllegalArgumentException("rollout step must not be negative, got " + stepNanos);
    }
  }

  long switchNanos(String region) {
    int i = order.indexOf(region);
    return firstSwitchNanos + i * stepNanos;
  }

  /** The version the region's instance runs at the time, or null when this rollout is not about it. */
  String version(String service, String region, long atNanos) {
    if (!this.service.equals(service)) {
      return null;
    }
    return atNanos >= switchNanos(region) ? toVersion : fromVersion;
  }
}
