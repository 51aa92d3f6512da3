package io.casefile.demo;

import io.casefile.alerts.SloMonitor;
import io.casefile.model.ChangeEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Casefile's SLO evaluation on the simulated clock while a scenario is replayed: before the
 * first payload past an evaluation instant, everything sent so far is flushed into the server and the
 * SLOs are evaluated at that instant, as the server does every 10 s on its own clock.
 */
public final class SloStepper implements ScenarioSink {
  private final ScenarioSink next;
  private final ScenarioReplayer replayer;
  private final SloMonitor slos;
  private final Duration every;
  private final List<SloMonitor.Transition> transitions = new ArrayList<>();
  private Instant tick;

  /**
   * @param replayer the sink that reaches the server, flushed before each evaluation
   * @param start the data start; the first evaluation is {@code every} after it
   */
  public SloStepper(ScenarioSink next, ScenarioReplayer replayer, SloMonitor slos, Instant start, Duration every) {
    this.next = next;
    this.replayer = replayer;
    this.slos = slos;
    this.every = every;
    this.tick = start.plus(every);
  }

  @Override
  public void change(ChangeEvent change) throws IOException {
    next.change(change);
  }

  @Override
  public void payload(Payload p) throws IOException {
    catchUp(p.time().minusNanos(1));
    next.payload(p);
  }

  /** Evaluates every instant up to {@code until}, after the payloads sent so far are in. */
  public void catchUp(Instant until) throws IOException {
    if (tick.isAfter(until)) {
      return;
    }
    replayer.flush();
    while (!tick.isAfter(until)) {
      transitions.addAll(slos.evaluate(tick));
      tick = tick.plus(every);
    }
  }

  /** Every SLO that started or stopped firing, in time order. */
  public List<SloMonitor.Transition> transitions() {
    return List.copyOf(transitions);
  }
}
