package io.casefile.drill;

import io.casefile.demo.LiveShop;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.incident.ActionKind;
import io.casefile.incident.Casefile;
import io.casefile.incident.Entry;
import io.casefile.incident.EntryBody;
import io.casefile.incident.IncidentSymptom;
import io.casefile.incident.Incidents;
import io.casefile.incident.OpenIncident;
import io.casefile.incident.Severity;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.FlowStats;
import io.casefile.store.TelemetryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One running drill: the live shop, the connection it plays its telemetry through, the page, and
 * what the responder did. {@link #step} moves the world to the clock: the responder's new levers
 * are applied first (at the times they were recorded), then every whole export interval is played.
 */
final class Drill {
  /** The alert fires when the fault has lasted this long (an alert rule's {@code for:}). */
  static final Duration ALERT_FOR = Duration.ofMinutes(2);
  static final Duration ALERT_WINDOW = Duration.ofMinutes(5);

  final DrillRecord record;
  final Scenario scenario;
  final LiveShop shop;
  private final ScenarioReplayer replayer;
  private final Incidents incidents;
  private final TelemetryStore store;
  final Instant pageAt;
  String incidentId;
  Instant pagedAt;
  String page;
  private long seenSeq;
  final List<DrillFacts.Inquiry> inquiries = new ArrayList<>();
  final List<DrillFacts.AppliedLever> levers = new ArrayList<>();

  Drill(DrillRecord record, Scenario scenario, LiveShop shop, ScenarioReplayer replayer, Incidents incidents,
      TelemetryStore store) {
    this.record = record;
    this.scenario = scenario;
    this.shop = shop;
    this.replayer = replayer;
    this.incidents = incidents;
    this.store = store;
    this.pageAt = shop.truth().onset().plus(ALERT_FOR);
  }

  /** Plays the world up to {@code now}; returns true once the world has run to its end. */
  synchronized boolean step(Instant now) {
    try {
      applyLevers();
      Duration interval = Duration.ofSeconds(10);
      while (!shop.cursor().plus(interval).isAfter(now) && shop.cursor().isBefore(shop.end())) {
        shop.advanceTo(shop.cursor().plus(interval), replayer);
        if (incidentId == null && !shop.cursor().isBefore(pageAt)) {
          replayer.flush();
          page(now);
        }
      }
      replayer.flush();
      return !shop.cursor().isBefore(shop.end());
    } catch (IOException e) {
      throw new UncheckedIOException("the drill could not play its telemetry into the server: " + e.getMessage(), e);
    }
  }

  /** The time up to which the world is played, plus the export interval being filled. */
  synchronized Instant reached() {
    return shop.cursor().plusSeconds(10);
  }

  private void applyLevers() {
    if (incidentId == null) {
      return;
    }
    Casefile c = incidents.get(incidentId);
    for (Entry e : c.entries()) {
      if (e.seq() <= seenSeq) {
        continue;
      }
      seenSeq = e.seq();
      if (e.body() instanceof EntryBody.Action a && a.kind() != ActionKind.DIAGNOSTIC && a.lever() != null) {
        var l = a.lever();
        LiveShop.Reaction r = shop.apply(e.at(), l.kind(), l.target(), l.version());
        levers.add(new DrillFacts.AppliedLever(e.seq(), e.at(), l, r.description(), r.fullEffectAt(), r.cures()));
      }
    }
  }

  private void page(Instant now) {
    var truth = shop.truth();
    Flow flow = truth.affectedFlows().getFirst();
    Instant to = shop.cursor();
    FlowStats recent = stats(flow, new TimeRange(to.minus(ALERT_WINDOW), to));
    FlowStats base = stats(flow, new TimeRange(truth.dataStart(), truth.onset().minus(ALERT_FOR)));
    String text = truth.signal().startsWith("latency")
        ? String.format(Locale.ROOT, "[FIRING] %s p99 latency %.0f ms over the last %d min (baseline %.0f ms), %d requests",
            flow, recent.p99Ms(), ALERT_WINDOW.toMinutes(), base.p99Ms(), recent.requests())
        : String.format(Locale.ROOT, "[FIRING] %s error rate %.1f%% over the last %d min (baseline %.1f%%): %d of %d "
            + "requests failed", flow, 100 * recent.errorRate(), ALERT_WINDOW.toMinutes(), 100 * base.errorRate(),
            recent.errors(), recent.requests());
    Severity severity = flow.operation().contains("checkout") ? Severity.SEV2 : Severity.SEV3;
    var symptom = new IncidentSymptom(flow, java.util.Map.of(), "errors", text, null);
    Casefile c = incidents.open(new OpenIncident("[drill] " + text, severity, record.responder(),
        Incidents.CASEFILE_AUTHOR, symptom, null, true));
    incidentId = c.incident().id();
    pagedAt = c.incident().openedAt();
    page = text;
    seenSeq = c.entries().size();
  }

  private FlowStats stats(Flow flow, TimeRange range) {
    return store.flows(range).rows().stream()
        .filter(f -> f.service().equals(flow.service()) && f.operation().equals(flow.operation())).findFirst()
        .orElse(new FlowStats(flow.service(), flow.operation(), 0, 0, 0, 0, 0, 0));
  }

  synchronized void observe(DrillFacts.Inquiry q) {
    inquiries.add(q);
  }

  /** Everything the debrief is judged from, as it stands now. */
  synchronized DrillFacts facts() {
    var truth = shop.truth();
    Set<String> scenarioChanges = new java.util.HashSet<>();
    truth.changeIds().forEach(id -> scenarioChanges.add(shop.publicId(id)));
    String causal = shop.publicId(truth.causalChangeId());
    List<DrillFacts.Event> events = new ArrayList<>();
    String cause = "no recorded change: " + truth.errorPath().service()
        + (truth.errorPath().peer() == null ? "" : " -> " + truth.errorPath().peer()) + " failing";
    for (ChangeEvent ch : store.changes(new TimeRange(truth.dataStart(), shop.end()), null).rows()) {
      if (!scenarioChanges.contains(ch.id())) {
        continue;
      }
      boolean isCause = ch.id().equals(causal);
      if (isCause) {
        cause = "change " + ch.id() + " (" + ch.type().wireName() + " at " + ch.timestamp() + "): " + ch.summary();
      }
      events.add(new DrillFacts.Event(ch.timestamp(), "change " + ch.id() + ": " + ch.summary()
          + (isCause ? " (the cause)" : " (not the cause)")));
    }
    events.add(new DrillFacts.Event(truth.onset(), "onset: " + truth.signal() + " in " + truth.affectedFlows().getFirst()
        + " for " + DrillScorer.cohortText(truth.affectedCohort())));
    String right = truth.mitigation().detail() + " (lever " + shop.rightLever() + ")";
    List<DrillFacts.Traffic> traffic = shop.tallies().stream()
        .map(t -> new DrillFacts.Traffic(t.from(), t.to(), t.requests(), t.failed(), t.harmed())).toList();
    return new DrillFacts(record.id(), scenario.id(), scenario.description(), record.responder(), record.seed(),
        record.speed(), truth.signal(), record.startedAt(), truth.onset(), pagedAt, page,
        truth.affectedFlows().stream().map(Flow::toString).toList(), truth.affectedCohort(), cause, right,
        LiveShop.fullEffectDelay(shop.rightLever().substring(0, shop.rightLever().indexOf(':'))), events,
        incidents.get(incidentId), inquiries, levers, shop.curedAt(), traffic);
  }

  void close() {
    try {
      replayer.close();
    } catch (IOException e) {
      // the world stops here; whatever was not acknowledged is not part of the drill
    }
  }
}
