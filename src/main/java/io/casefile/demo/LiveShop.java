package io.casefile.demo;

import static io.casefile.demo.Scenarios.MINUTE;
import static io.casefile.demo.Scenarios.SECOND;
import static io.casefile.demo.Scenarios.instant;
import static io.casefile.demo.Scenarios.nanos;

import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The shop running a scenario live: telemetry is generated interval by interval as the simulated
 * clock advances, and changes made by the people responding alter the world from the moment they
 * land — a rollback rolls out region by region, a flag turned off stops assigning its variant, a
 * drained region's traffic moves to the others, a restart drops requests while instances come
 * back. A change that addresses the scenario's cause stops the fault once it has fully taken
 * effect; any other change leaves the fault as it was. Deterministic: the same scenario, options
 * and changes at the same times give the same telemetry.
 */
public final class LiveShop {
  /** The changes people can make to the shop, in the vocabulary of the containment candidates. */
  public static final Set<String> KINDS = Set.of("rollback", "flag_off", "revert_config", "route_away", "restart",
      "scale", "disable_dependency", "shed_dependency");
  private static final long ROLLOUT_START = 30 * SECOND;
  private static final long ROLLOUT_STEP = 15 * SECOND;
  private static final long WARM_UP = 20 * SECOND;

  /** How long a change takes, once made, to take full effect in the shop. */
  public static java.time.Duration fullEffectDelay(String kind) {
    long nanos = switch (kind) {
      case "rollback" -> ROLLOUT_START + ROLLOUT_STEP * (Shop.REGIONS.size() - 1) + WARM_UP;
      case "flag_off" -> 10 * SECOND;
      case "disable_dependency", "shed_dependency" -> 20 * SECOND;
      case "revert_config" -> 30 * SECOND;
      case "scale" -> MINUTE;
      case "route_away" -> 75 * SECOND;
      case "restart" -> 5 * SECOND + WARM_UP * Shop.REGIONS.size();
      default -> throw new IllegalArgumentException("unknown change kind '" + kind + "'; known: " + KINDS);
    };
    return java.time.Duration.ofNanos(nanos);
  }

  /** The change that addresses the scenario's cause, as {@code KIND:TARGET}. */
  public String rightLever() {
    var m = truth.mitigation();
    String kind = switch (m.action()) {
      case "flag_rollback" -> "flag_off";
      case "failover", "disable_payment_method" -> "disable_dependency";
      case "scale_out" -> "scale";
      default -> m.action();
    };
    return kind + ":" + m.target();
  }

  /** What the shop did with one change: when it took full effect and whether it stopped the fault. */
  public record Reaction(Instant at, String kind, String target, String description, Instant fullEffectAt,
      boolean cures) {}

  /** One export interval's user requests: entered, failed at the frontend, touched by an injected effect. */
  public record Tally(Instant from, Instant to, long requests, long failed, long harmed) {}

  private final Scenario scenario;
  private final SteeredInjection injection;
  private final ShopTraces traces;
  private final OtlpBatch batch = new OtlpBatch();
  private final VisitSource visits;
  private final List<ChangeEvent> pending;
  private final List<Switch> switches = new ArrayList<>();
  private final List<Reaction> reactions = new ArrayList<>();
  private final List<Tally> tallies = new ArrayList<>();
  private final GroundTruth truth;
  private final List<Rollout> baseRollouts;
  private final long end;
  private Plan plan;
  private long cursor;

  private record Switch(Rollout rollout, String region, long at) {}

  private LiveShop(Scenario scenario, SimulationOptions options) {
    this.scenario = scenario;
    Plan base = Scenarios.plan(scenario, options);
    this.injection = new SteeredInjection(base.injection());
    this.plan = new Plan(base.changes(), base.rollouts(), injection, base.truth());
    this.truth = base.truth();
    this.baseRollouts = base.rollouts();
    var rnd = new SplittableRandom(VisitSource.mix(options.seed()) ^ scenario.id().hashCode());
    this.traces = new ShopTraces(plan, rnd.split(), batch);
    this.cursor = nanos(options.start());
    this.end = nanos(options.end());
    this.visits = new VisitSource(rnd.split(), injection, options.rate(), cursor);
    this.pending = new ArrayList<>(base.changes());
    for (Rollout r : base.rollouts()) {
      r.order().forEach(region -> switches.add(new Switch(r, region, r.switchNanos(region))));
    }
  }

  /** The shop before anything is generated: the scenario's fault lands at {@code options.injectionTime()}. */
  public static LiveShop start(Scenario scenario, SimulationOptions options) {
    return new LiveShop(scenario, options);
  }

  public GroundTruth truth() {
    return truth;
  }

  /** The id a change event is sent under: the scenario's name stays out of it. */
  public String publicId(String changeId) {
    String prefix = "chg-" + scenario.id() + "-";
    return changeId != null && changeId.startsWith(prefix) ? "chg-" + changeId.substring(prefix.length()) : changeId;
  }

  /** Everything up to here has been generated and sent. */
  public synchronized Instant cursor() {
    return instant(cursor);
  }

  public synchronized Instant end() {
    return instant(end);
  }

  /** Generates and sends every whole export interval that ends at or before {@code t}; returns their tallies. */
  public synchronized List<Tally> advanceTo(Instant t, ScenarioSink sink) throws IOException {
    List<Tally> out = new ArrayList<>();
    long until = Math.min(nanos(t), end);
    while (cursor + ShopSimulation.INTERVAL_NANOS <= until) {
      out.add(interval(cursor, cursor + ShopSimulation.INTERVAL_NANOS, sink));
      cursor += ShopSimulation.INTERVAL_NANOS;
    }
    tallies.addAll(out);
    return out;
  }

  private Tally interval(long from, long to, ScenarioSink sink) throws IOException {
    long requests = traces.requests;
    long failed = traces.failed;
    long harmed = traces.harmed;
    while (visits.peek() < to) {
      traces.emit(visits.next());
    }
    switches.sort(Comparator.comparingLong(Switch::at));
    while (!switches.isEmpty() && switches.getFirst().at() < to) {
      Switch s = switches.removeFirst();
      traces.startup(s.rollout(), s.region(), s.at());
    }
    pending.sort(Comparator.comparing(ChangeEvent::timestamp));
    while (!pending.isEmpty() && nanos(pending.getFirst().timestamp()) < to) {
      ChangeEvent c = pending.removeFirst();
      sink.change(withId(c, publicId(c.id())));
    }
    List<byte[]> bodies = batch.drain(from, to);
    String[] signals = {"traces", "logs", "metrics"};
    for (int i = 0; i < signals.length; i++) {
      if (bodies.get(i).length > 0) {
        sink.payload(new Payload(signals[i], instant(to), bodies.get(i)));
      }
    }
    return new Tally(instant(from), instant(to), traces.requests - requests, traces.failed - failed,
        traces.harmed - harmed);
  }

  /** Every interval generated so far. */
  public synchronized List<Tally> tallies() {
    return List.copyOf(tallies);
  }

  /** Every change applied so far, in order. */
  public synchronized List<Reaction> reactions() {
    return List.copyOf(reactions);
  }

  /** When the fault stopped for good (a curing change took full effect), or null while it has not. */
  public synchronized Instant curedAt() {
    long c = injection.curedAt();
    return c == Long.MAX_VALUE ? null : instant(c);
  }

  /**
   * Applies a change made at {@code at} (not before what is already generated). {@code target} is
   * a service, flag key, {@code attribute=value} or peer by {@code kind}; {@code version} is the
   * version a rollback goes to (null: the one before).
   */
  public synchronized Reaction apply(Instant at, String kind, String target, String version) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown change kind '" + kind + "'; known: " + KINDS);
    }
    long t = Math.max(nanos(at), cursor);
    Reaction r = switch (kind) {
      case "rollback" -> rollback(t, target, version);
      case "flag_off" -> simple(t, kind, target, () -> injection.flagOff(target, t + delay(kind)),
          "turns off flag " + target);
      case "disable_dependency", "shed_dependency" -> simple(t, kind, target,
          () -> injection.disablePeer(target, t + delay(kind)), "stops calls to " + target);
      case "scale" -> simple(t, kind, target, () -> injection.scale(target, t + delay(kind)),
          "doubles " + target + "'s capacity");
      case "revert_config" -> simple(t, kind, target, () -> { }, "reverts " + target + "'s last config change");
      case "route_away" -> routeAway(t, target);
      case "restart" -> restart(t, target);
      default -> throw new IllegalStateException(kind);
    };
    reactions.add(r);
    if (r.cures()) {
      injection.cure(nanos(r.fullEffectAt()));
    }
    return r;
  }

  private Reaction simple(long t, String kind, String target, Runnable effect, String what) {
    effect.run();
    return reaction(t, kind, target, what, t + delay(kind), cures(kind, target, null));
  }

  private static long delay(String kind) {
    return fullEffectDelay(kind).toNanos();
  }

  private Reaction rollback(long t, String service, String version) {
    if (!Shop.VERSIONS.containsKey(service)) {
      return reaction(t, "rollback", service, "no service " + service + " runs in the shop", t, false);
    }
    String current = plan.version(service, Shop.REGIONS.getFirst(), t);
    String to = version != null ? version : previous(service, t);
    var r = new Rollout(service, current, to, Shop.REGIONS, t + ROLLOUT_START, ROLLOUT_STEP);
    plan = plan.withRollout(r);
    traces.replan(plan);
    for (String region : r.order()) {
      long s = r.switchNanos(region);
      switches.add(new Switch(r, region, s));
      injection.disturb(service, region, s, s + WARM_UP);
    }
    long done = r.switchNanos(Shop.REGIONS.getLast()) + WARM_UP;
    pending.add(new ChangeEvent("chg-rollback-" + service + "-" + reactions.size(), ChangeType.ROLLBACK, instant(t),
        service, "roll back " + service + " " + current + " -> " + to, to, current, Shop.ENVIRONMENT, null, Map.of(),
        null, "oncall@shop.example", "drill"));
    return reaction(t, "rollback", service, "rolls " + service + " " + current + " -> " + to
        + " back region by region, each instance warming up for " + WARM_UP / SECOND + " s", done,
        cures("rollback", service, to));
  }

  private String previous(String service, long t) {
    String now = plan.version(service, Shop.REGIONS.getFirst(), t);
    for (int i = plan.rollouts().size() - 1; i >= 0; i--) {
      Rollout r = plan.rollouts().get(i);
      if (r.service().equals(service) && r.toVersion().equals(now)) {
        return r.fromVersion();
      }
    }
    return now;
  }

  private Reaction routeAway(long t, String target) {
    int eq = target.indexOf('=');
    String attribute = eq < 0 ? "" : target.substring(0, eq);
    String value = eq < 0 ? target : target.substring(eq + 1);
    if (!(attribute.equals("region") || attribute.equals("cloud.region")) || !Shop.REGIONS.contains(value)) {
      return reaction(t, "route_away", target, "nothing: the shop routes by region only (regions "
          + Shop.REGIONS + ")", t, false);
    }
    injection.drain(value, t + 15 * SECOND);
    return reaction(t, "route_away", target, "moves " + value + "'s traffic to the other regions over a minute",
        t + delay("route_away"), cures("route_away", "region=" + value, null));
  }

  private Reaction restart(long t, String service) {
    if (!Shop.VERSIONS.containsKey(service)) {
      return reaction(t, "restart", service, "no service " + service + " runs in the shop", t, false);
    }
    long s = t + 5 * SECOND;
    for (String region : Shop.REGIONS) {
      String v = plan.version(service, region, s);
      switches.add(new Switch(new Rollout(service, v, v, Shop.REGIONS, s, 0), region, s));
      injection.disturb(service, region, s, s + WARM_UP);
      s += WARM_UP;
    }
    return reaction(t, "restart", service, "restarts " + service + " region by region; each instance drops "
        + "requests while it comes back", s, cures("restart", service, null));
  }

  private Reaction reaction(long t, String kind, String target, String what, long full, boolean cures) {
    String outcome = cures ? "; this addresses the cause: the fault stops at " + instant(full)
        : "; the fault does not depend on it";
    return new Reaction(instant(t), kind, target, what + outcome, instant(full), cures);
  }

  /** Whether the change addresses the scenario's cause (the truth's mitigation, or draining the one affected region). */
  boolean cures(String kind, String target, String version) {
    var m = truth.mitigation();
    boolean same = m.target().equals(target);
    boolean byTruth = switch (m.action()) {
      case "rollback" -> kind.equals("rollback") && same && !Objects.equals(version, faultyVersion(target));
      case "flag_rollback" -> kind.equals("flag_off") && same;
      case "revert_config" -> (kind.equals("revert_config") || kind.equals("scale")) && same;
      case "failover", "disable_payment_method" ->
          (kind.equals("disable_dependency") || kind.equals("shed_dependency")) && same;
      case "scale_out" -> kind.equals("scale") && same;
      default -> false;
    };
    boolean drainsCohort = kind.equals("route_away") && truth.affectedCohort().size() == 1
        && truth.affectedCohort().getFirst().equals(Map.of("region", target.substring(target.indexOf('=') + 1)));
    return byTruth || drainsCohort;
  }

  private String faultyVersion(String service) {
    for (Rollout r : baseRollouts) {
      if (r.service().equals(service)) {
        return r.toVersion();
      }
    }
    return null;
  }

  private static ChangeEvent withId(ChangeEvent c, String id) {
    return new ChangeEvent(id, c.type(), c.timestamp(), c.service(), c.summary(), c.version(), c.previousVersion(),
        c.environment(), c.flagKey(), c.targets(), c.link(), c.author(), c.source());
  }
}
