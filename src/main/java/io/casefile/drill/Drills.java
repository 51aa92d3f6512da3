package io.casefile.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.casefile.demo.LiveShop;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.SimulationOptions;
import io.casefile.incident.Incidents;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.Question;
import io.casefile.model.JsonCodec;
import io.casefile.store.FeatureTables;
import io.casefile.store.TelemetryStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drills of one server: starts a drill (on a server whose clock is a {@link DrillClock}),
 * plays its world into the server's own OTLP receiver, records the investigations the responder
 * asks, and ends it with a debrief that is kept with the drill. One drill runs at a time.
 */
public final class Drills implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Drills.class);
  static final String RESPONDER = "responder";

  /**
   * How to start a drill. {@code scenario} is a scenario name or {@code random} (null: random);
   * {@code seed} null picks one from the clock; {@code history} is the normal traffic already
   * there when the drill starts; {@code duration} how long the world runs after the fault lands.
   */
  public record Start(String scenario, Long seed, String responder, Duration history, Duration duration, double rate) {
    public static final Duration DEFAULT_HISTORY = Duration.ofMinutes(30);
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(40);

    public Start {
      responder = responder == null || responder.isBlank() ? RESPONDER : responder.trim();
      if (responder.length() > 100) {
        throw new IllegalArgumentException("responder must be at most 100 characters");
      }
      history = history == null ? DEFAULT_HISTORY : history;
      duration = duration == null ? DEFAULT_DURATION : duration;
      if (history.compareTo(Duration.ofMinutes(5)) < 0 || history.compareTo(Duration.ofHours(6)) > 0) {
        throw new IllegalArgumentException("history must be between 5m and 6h, got " + history);
      }
      if (duration.compareTo(Duration.ofMinutes(10)) < 0 || duration.compareTo(Duration.ofHours(4)) > 0) {
        throw new IllegalArgumentException("duration must be between 10m and 4h, got " + duration);
      }
      rate = rate == 0 ? SimulationOptions.DEFAULT_RATE : rate;
    }
  }

  private final DrillRepository repository;
  private final Incidents incidents;
  private final TelemetryStore store;
  private final InstantSource clock;
  private final ScheduledExecutorService pacer;
  private URI otlp;
  private URI api;
  private Drill current;

  /** @param tables the store's access to the {@link DrillRepository#SCHEMA} table; closed with this */
  public Drills(FeatureTables tables, Incidents incidents, TelemetryStore store, InstantSource clock) {
    this.repository = new DrillRepository(tables);
    this.incidents = incidents;
    this.store = store;
    this.clock = clock;
    this.pacer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("casefile-drill").daemon().factory());
    repository.abandonRunning(clock.instant());
  }

  /** Where the world's telemetry and changes go: this server's OTLP receiver and API. */
  public synchronized void attach(URI otlpBase, URI apiBase) {
    this.otlp = otlpBase;
    this.api = apiBase;
  }

  /** The clock a drill server needs, or an explanation of why this server cannot run drills. */
  private DrillClock drillClock() {
    if (!(clock instanceof DrillClock c)) {
      throw new DrillConflict("not_a_drill_server", "drills run on a drill server, whose clock runs at the drill's "
          + "speed: start one with `casefile drill start`");
    }
    return c;
  }

  public synchronized DrillRecord start(Start s) {
    DrillClock c = drillClock();
    if (current != null) {
      throw new DrillConflict(current.record.running() && !ended(current) ? "drill_running" : "drill_server_used",
          "this drill server already ran " + current.record.id() + "; start a new drill with `casefile drill start`");
    }
    Objects.requireNonNull(otlp, "the drill server is not attached to its receiver");
    Instant now = c.instant().truncatedTo(ChronoUnit.SECONDS);
    long seed = s.seed() != null ? s.seed() : now.toEpochMilli();
    Scenario scenario = s.scenario() == null || s.scenario().equalsIgnoreCase("random")
        ? Scenario.values()[Math.floorMod(Long.hashCode(seed * 0x9E3779B97F4A7C15L), Scenario.values().length)]
        : Scenario.byName(s.scenario());
    Duration lead = Duration.ofMinutes(2 + Math.floorMod(seed, 3));
    var options = new SimulationOptions(seed, now.minus(s.history()), s.history().plus(lead), s.duration(), s.rate());
    LiveShop shop = LiveShop.start(scenario, options);
    DrillRecord record = repository.create(s.responder(), scenario.id(), seed, c.speed(), now, options.end());
    current = new Drill(record, scenario, shop, new ScenarioReplayer(otlp, api, null, ScenarioReplayer.DEFAULT_PARALLELISM),
        incidents, store);
    current.step(now);
    hold(current);
    if (c.paced()) {
      // keep the world within a few simulated seconds of the clock, whatever the speed
      long periodMs = Math.clamp(Math.round(2000 / c.speed()), 20, 200);
      pacer.scheduleWithFixedDelay(this::pace, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }
    return view(record.id());
  }

  private boolean ended(Drill d) {
    return repository.find(d.record.id()).map(r -> !r.running()).orElse(true);
  }

  private void pace() {
    try {
      Drill d;
      synchronized (this) {
        d = current;
      }
      if (d != null && !ended(d)) {
        boolean over = d.step(clock.instant());
        hold(d);
        if (over) {
          end(d.record.id());
        }
      }
    } catch (RuntimeException e) {
      LOG.error("the drill's world failed to advance", e);
    }
  }

  /**
   * Moves a manual drill clock forward one export interval at a time, playing the world after
   * each, so nothing that reads the clock sees a time the world has not reached.
   */
  public void advance(Duration d) {
    DrillClock c = drillClock();
    Duration step = Duration.ofSeconds(10);
    for (Duration left = d; left.isPositive(); left = left.minus(step)) {
      c.advance(left.compareTo(step) < 0 ? left : step);
      catchUp();
    }
  }

  /** A paced clock waits for the world: it never shows a time the world has not been played to. */
  private void hold(Drill d) {
    if (clock instanceof DrillClock c && c.paced()) {
      c.limit(d.reached());
    }
  }

  /** Plays the running drill's world up to the clock (a paced drill does this by itself). */
  public void catchUp() {
    Drill d;
    synchronized (this) {
      d = current;
    }
    if (d != null && !ended(d)) {
      d.step(clock.instant());
      hold(d);
    }
  }

  /** Records an investigation the responder asked, when a drill has paged. */
  public void observe(Question q, Investigation inv) {
    Drill d;
    synchronized (this) {
      d = current;
    }
    if (d == null || d.incidentId == null || ended(d)) {
      return;
    }
    String question = (q.flow() == null ? "the whole environment" : q.flow().toString()) + " " + q.signal()
        + " from " + q.from() + " to " + q.to();
    var s = inv.anomaly() ? inv.symptom() : null;
    d.observe(new DrillFacts.Inquiry(clock.instant(), question, inv.anomaly(),
        s == null || s.flow() == null ? null : s.flow().toString(), s == null ? null : s.onset().at(),
        s == null ? List.of() : s.cohorts().stream().map(co -> co.attributes()).toList(),
        inv.suspects().stream().map(x -> x.change().id() + " " + x.change().type().wireName() + " " + x.change().summary()
            + " (" + x.confidence().wireName() + ")").toList(), inv.unexplained()));
  }

  /** Ends the drill and keeps its debrief; a drill that never paged is abandoned. */
  public Debrief end(String id) {
    Drill d;
    synchronized (this) {
      d = current;
    }
    DrillRecord r = record(id);
    if (!r.running()) {
      return debrief(id);
    }
    if (d == null || !d.record.id().equals(id)) {
      throw new DrillConflict("not_running", "drill " + id + " is not running on this server");
    }
    synchronized (d) {
      if (!record(id).running()) {
        return debrief(id);
      }
      Instant now = clock.instant();
      d.step(now);
      if (d.incidentId == null) {
        repository.ended(id, DrillRecord.ABANDONED, now, null, null);
        d.close();
        throw new DrillConflict("never_paged", "drill " + id + " ended before its alert fired: no debrief");
      }
      incidents.measureDue(d.incidentId);
      Debrief debrief = new DrillScorer(clock).debrief(d.facts());
      try {
        repository.ended(id, DrillRecord.ENDED, debrief.endedAt(), debrief.score(),
            JsonCodec.mapper().writeValueAsString(debrief));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise the debrief of " + id, e);
      }
      d.close();
      if (clock instanceof DrillClock c) {
        c.limit(null);
      }
      return debrief;
    }
  }

  /** The kept debrief of an ended drill. */
  public Debrief debrief(String id) {
    DrillRecord r = record(id);
    if (r.debrief() == null) {
      throw new DrillConflict(r.running() ? "drill_running" : "no_debrief", r.running()
          ? "drill " + id + " is still running: end it first (casefile drill end)"
          : "drill " + id + " ended before its alert fired: no debrief");
    }
    try {
      return JsonCodec.mapper().readValue(r.debrief(), Debrief.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read the debrief of " + id + ": " + e.getMessage(), e);
    }
  }

  /** A drill as the API shows it: the scenario and seed stay hidden while it runs. */
  public DrillRecord view(String id) {
    DrillRecord r = record(id);
    Drill d;
    synchronized (this) {
      d = current;
    }
    if (d != null && d.record.id().equals(id) && r.running()) {
      return new DrillRecord(r.id(), r.responder(), "hidden until the drill ends", 0, r.speed(), r.startedAt(),
          r.worldEnd(), r.status(), d.incidentId, d.pagedAt, d.page, null, null, null);
    }
    return new DrillRecord(r.id(), r.responder(), r.scenario(), r.seed(), r.speed(), r.startedAt(), r.worldEnd(),
        r.status(), r.incidentId(), r.pagedAt(), r.page(), r.endedAt(), r.score(), null);
  }

  /** Every kept drill, oldest first, without their debriefs. */
  public List<DrillRecord> list() {
    return repository.list().stream().map(r -> view(r.id())).toList();
  }

  /** The running drill's id, if any. */
  public synchronized String running() {
    return current != null && !ended(current) ? current.record.id() : null;
  }

  private DrillRecord record(String id) {
    return repository.find(id).orElseThrow(() -> new UnknownDrill(id));
  }


  @Override
  public void close() {
    pacer.shutdownNow();
    Drill d;
    synchronized (this) {
      d = current;
    }
    if (d != null) {
      d.close();
    }
    repository.close();
  }
}
