package io.casefile.demo;

import static io.casefile.demo.Scenarios.instant;
import static io.casefile.demo.Scenarios.nanos;

import io.casefile.model.ChangeEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the shop through a scenario on the simulated clock and hands its telemetry and changes to a
 * sink. Nothing sleeps and nothing reads the wall clock: the same scenario and options give
 * byte-identical output.
 */
public final class ShopSimulation {
  /** Export interval: each interval's telemetry is sent as one request per signal. */
  static final long INTERVAL_NANOS = 10 * Scenarios.SECOND;

  private ShopSimulation() {}

  /** The scenario's ground truth for these options, without generating any data. */
  public static GroundTruth truth(Scenario scenario, SimulationOptions options) {
    return Scenarios.plan(scenario, options).truth();
  }

  /** Generates the scenario into the sink, in send order, and returns its ground truth. */
  public static GroundTruth run(Scenario scenario, SimulationOptions options, ScenarioSink sink) throws IOException {
    Plan plan = Scenarios.plan(scenario, options);
    var rnd = new SplittableRandom(VisitSource.mix(options.seed()) ^ scenario.id().hashCode());
    var batch = new OtlpBatch();
    var traces = new ShopTraces(plan, rnd.split(), batch);
    long start = nanos(options.start());
    long end = nanos(options.end());
    var visits = new VisitSource(rnd.split(), plan.injection(), options.rate(), start);
    var changes = new ArrayDeque<>(plan.changes());
    var switches = switches(plan);
    for (long from = start; from < end; from += INTERVAL_NANOS) {
      long to = Math.min(from + INTERVAL_NANOS, end);
      while (visits.peek() < to) {
        traces.emit(visits.next());
      }
      while (!switches.isEmpty() && switches.peekFirst().at() < to) {
        var s = switches.removeFirst();
        traces.startup(s.rollout(), s.region(), s.at());
      }
      while (!changes.isEmpty() && nanos(changes.peekFirst().timestamp()) < to) {
        sink.change(changes.removeFirst());
      }
      List<byte[]> bodies = batch.drain(from, to);
      String[] signals = {"traces", "logs", "metrics"};
      for (int i = 0; i < signals.length; i++) {
        if (bodies.get(i).length > 0) {
          sink.payload(new Payload(signals[i], instant(to), bodies.get(i)));
        }
      }
    }
    for (ChangeEvent c : changes) {
      sink.change(c);
    }
    return plan.truth();
  }

  private record Switch(Rollout rollout, String region, long at) {}

  private static ArrayDeque<Switch> switches(Plan plan) {
    var all = new ArrayList<Switch>();
    for (Rollout r : plan.rollouts()) {
      for (String region : r.order()) {
        all.add(new Switch(r, region, r.switchNanos(region)));
      }
    }
    all.sort(Comparator.comparingLong(Switch::at));
    return new ArrayDeque<>(all);
  }
}
