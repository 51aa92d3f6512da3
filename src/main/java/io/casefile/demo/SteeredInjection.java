package io.casefile.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's injection as the responders' changes alter it: flags turned off, dependencies
 * disabled, regions drained, services given more capacity, instances restarting, and the fault
 * itself stopped once a change that cures it has fully taken effect. Every change has a start
 * time on the simulated clock, so the behaviour stays a pure function of time.
 */
final class SteeredInjection implements Injection {
  static final Failure RESTARTING = Failure.of("java.net.ConnectException", 503,
      "Connection refused: instance restarting, request for {path} dropped after {ms} ms");
  private static final double RESTART_FAILURES = 0.05;

  private record Window(String service, String region, long from, long to) {}

  private final Injection base;
  private final Map<String, Long> flagsOff = new LinkedHashMap<>();
  private final Map<String, Long> peersOff = new LinkedHashMap<>();
  private final Map<String, Long> drained = new LinkedHashMap<>();
  private final Map<String, List<Long>> scaled = new LinkedHashMap<>();
  private final List<Window> disturbances = new ArrayList<>();
  private long curedAt = Long.MAX_VALUE;

  SteeredInjection(Injection base) {
    this.base = base;
  }

  synchronized void flagOff(String key, long at) {
    flagsOff.putIfAbsent(key, at);
  }

  synchronized void disablePeer(String peer, long at) {
    peersOff.putIfAbsent(peer, at);
  }

  synchronized void drain(String region, long at) {
    drained.putIfAbsent(region, at);
  }

  synchronized void scale(String service, long at) {
    scaled.computeIfAbsent(service, k -> new ArrayList<>()).add(at);
  }

  synchronized void disturb(String service, String region, long from, long to) {
    disturbances.add(new Window(service, region, from, to));
  }

  synchronized void cure(long at) {
    curedAt = Math.min(curedAt, at);
  }

  synchronized long curedAt() {
    return curedAt;
  }

  @Override
  public synchronized double traffic(String region, long at) {
    double share = 1;
    double moved = 0;
    double kept = 0;
    for (String r : Shop.REGIONS) {
      double gone = drainedShare(r, at);
      moved += Shop.REGION_WEIGHTS.get(r) * gone;
      kept += Shop.REGION_WEIGHTS.get(r) * (1 - gone);
      if (r.equals(region)) {
        share = 1 - gone;
      }
    }
    double routing = share == 0 || kept <= 0 ? share : share * (1 + moved / kept);
    return base.traffic(region, at) * Math.max(routing, kept <= 0 ? 1 : 0);
  }

  /** Drained regions lose their traffic over a minute, starting when the routing change lands. */
  private double drainedShare(String region, long at) {
    Long from = drained.get(region);
    return from == null ? 0 : Math.clamp((at - from) / (double) Scenarios.MINUTE, 0, 1);
  }

  @Override
  public synchronized int flagPercent(String flagKey, long at) {
    Long off = flagsOff.get(flagKey);
    return off != null && at >= off ? 0 : base.flagPercent(flagKey, at);
  }

  @Override
  public synchronized Effect effect(Hop h) {
    Effect e = Effect.NONE;
    boolean peerOff = h.peer() != null && peersOff.containsKey(h.peer()) && h.atNanos() >= peersOff.get(h.peer());
    if (h.atNanos() < curedAt && !peerOff) {
      e = base.effect(withCapacity(h));
    }
    if (h.peer() == null && e.failProbability() == 0 && restarting(h)) {
      return new Effect(RESTART_FAILURES, RESTARTING, 2 * e.latencyFactor());
    }
    return e;
  }

  /** More instances share the same load: each sees its share of it. */
  private Hop withCapacity(Hop h) {
    int factor = 1;
    for (long at : scaled.getOrDefault(h.service(), List.of())) {
      factor *= h.atNanos() >= at ? 2 : 1;
    }
    return factor == 1 ? h : new Hop(h.service(), h.operation(), h.peer(), h.visit(), h.version(), h.atNanos(),
        h.load() / factor);
  }

  private boolean restarting(Hop h) {
    for (Window w : disturbances) {
      if (w.service.equals(h.service()) && w.region.equals(h.visit().region()) && h.atNanos() >= w.from
          && h.atNanos() < w.to) {
        return true;
      }
    }
    return false;
  }
}
