package io.casefile.incident;

import io.casefile.analysis.effect.EffectMeasurement;
import io.casefile.analysis.effect.EffectMeasurer;
import io.casefile.investigation.Cohort;
import io.casefile.investigation.Investigation;
import io.casefile.model.Suspect;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The casefile service: opens incidents, appends entries under the rules, takes an evidence
 * snapshot before every mitigation, and measures each action's effect once its window has ended.
 * Appends are serialised, so the rules always see the whole log.
 */
public final class Incidents {
  public static final String CASEFILE_AUTHOR = "casefile";
  static final Duration BUCKET = Duration.ofSeconds(10);
  /** Telemetry arrives late: an action is measured this long after its window ends. */
  public static final Duration INGEST_GRACE = Duration.ofSeconds(30);
  static final java.util.Set<String> VOLATILE_KEYS = java.util.Set.of("service.version", "service.instance.id",
      "host.name", "k8s.pod.name", "container.id");

  private final IncidentRepository repository;
  private final InstantSource clock;
  private final SymptomSignals signals;
  private final EvidenceSnapshots snapshots;
  private final EffectMeasurer measurer = new EffectMeasurer();

  /**
   * @param signals the symptom's series for effect measurement, or null to leave effects unmeasured
   * @param snapshots where evidence snapshots go, or null when snapshots are not configured
   */
  public Incidents(IncidentRepository repository, InstantSource clock, SymptomSignals signals,
      EvidenceSnapshots snapshots) {
    this.repository = repository;
    this.clock = clock;
    this.signals = signals;
    this.snapshots = snapshots;
  }

  public InstantSource clock() {
    return clock;
  }

  public Instant now() {
    return IncidentRepository.micros(clock.instant());
  }

  public synchronized Casefile open(OpenIncident req) {
    Investigation inv = req.investigation();
    Severity severity = req.severity() != null ? req.severity() : severityOf(inv);
    IncidentSymptom symptom = req.symptom() != null ? req.symptom() : symptomOf(inv);
    String author = req.author() == null || req.author().isBlank() ? "anonymous" : req.author();
    Instant now = now();
    Incident incident = repository.create(req.title(), severity, req.commander(), symptom, now, author, inv,
        req.drill());
    Casefile c = new Casefile(incident, List.of());
    if (inv != null) {
      for (EntryBody body : seedEntries(inv)) {
        c = appendNow(c, now, author, body);
      }
    }
    return c;
  }

  /**
   * Replaces the incident's investigation with a newer answer to the same question (asked again once
   * more of the symptom is in the data) and adds, after {@code why}, what the new answer found.
   */
  public synchronized Casefile reinvestigate(String id, String author, Investigation inv, String why) {
    Casefile c = get(id);
    repository.replaceInvestigation(id, symptomOf(inv), inv);
    Instant now = now();
    c = appendNow(c, now, author, new EntryBody.Note(why));
    for (EntryBody body : seedEntries(inv)) {
      c = appendNow(c, now, author, body);
    }
    return get(id);
  }

  public List<Casefile> list() {
    List<Casefile> out = new ArrayList<>();
    for (String id : repository.ids()) {
      repository.find(id).ifPresent(out::add);
    }
    return out;
  }

  public Casefile get(String id) {
    return repository.find(id).orElseThrow(() -> new UnknownIncident(id));
  }

  public Optional<Investigation> investigation(String id) {
    get(id);
    return repository.investigation(id);
  }

  /**
   * Appends an entry under the rules. A mitigation first gets an evidence snapshot (its own
   * entry), then the action referring to it.
   */
  public synchronized Entry append(String id, String author, EntryBody body, boolean force, String reason) {
    Casefile c = get(id);
    Instant now = now();
    EntryBody admitted = IncidentRules.admit(c, body, now, force, reason);
    String who = author == null || author.isBlank() ? "anonymous" : author;
    if (admitted instanceof EntryBody.Action a && a.kind() == ActionKind.MITIGATION && snapshots != null) {
      EntryBody.Snapshot snap = snapshots.take(c, "automatic, before mitigation: " + a.summary(), now);
      c = appendNow(c, now, CASEFILE_AUTHOR, snap);
      admitted = a.withOverlap(a.forcedReason(), a.confounds(), snap.snapshotId());
    }
    c = appendNow(c, now, who, admitted);
    return c.entries().get(c.entries().size() - 1);
  }

  public synchronized Entry changeStatus(String id, String author, IncidentStatus next, String reason) {
    return append(id, author, IncidentRules.admitStatus(get(id), next, reason), false, null);
  }

  /** Takes an evidence snapshot on demand. */
  public synchronized Entry snapshot(String id, String author, String reason) {
    if (snapshots == null) {
      throw new IllegalStateException("evidence snapshots are not configured (no data directory)");
    }
    Casefile c = get(id);
    Instant now = now();
    EntryBody.Snapshot snap = snapshots.take(c, reason == null || reason.isBlank() ? "on demand" : reason, now);
    c = appendNow(c, now, author == null || author.isBlank() ? "anonymous" : author, snap);
    return c.entries().get(c.entries().size() - 1);
  }

  /** Measures every action of the incident whose window has ended; returns the new effect entries. */
  public synchronized List<Entry> measureDue(String id) {
    Casefile c = get(id);
    if (signals == null) {
      return List.of();
    }
    Instant now = now();
    List<Entry> added = new ArrayList<>();
    for (ActionView v : c.actions(now)) {
      if (!v.state().equals(ActionView.AWAITING_MEASUREMENT) || now.isBefore(v.windowEnd().plus(INGEST_GRACE))) {
        continue;
      }
      Duration w = v.action().observationWindow();
      var series = signals.series(c.incident().symptom(), v.at().minus(w), v.windowEnd(), BUCKET);
      EffectMeasurement m = measurer.measure(series.treated(), series.control(), v.at(), w, v.confounded(),
          scopeCoversControl(v.action().target(), c.incident().symptom()));
      String explanation = m.explanation() + " [treated: " + series.treatedCohort() + "; control: "
          + series.controlCohort() + "]";
      c = appendNow(c, now, CASEFILE_AUTHOR, new EntryBody.Effect(v.seq(), m.verdict(), explanation, m));
      added.add(c.entries().get(c.entries().size() - 1));
    }
    return added;
  }

  /**
   * Whether the action may reach the control cohort: unless its target names the symptom's cohort
   * (an attribute value of it), a rollback, a flag or a config change reaches the flow's other
   * requests as well.
   */
  static boolean scopeCoversControl(String target, IncidentSymptom symptom) {
    if (target == null || target.isBlank() || symptom.cohort().isEmpty()) {
      return true;
    }
    String t = target.trim();
    return symptom.cohort().entrySet().stream()
        .noneMatch(e -> t.equals(e.getValue()) || t.equals(e.getKey() + "=" + e.getValue()));
  }

  /** Measures every open incident's due actions (called periodically by the server). */
  public void measureAllDue() {
    for (String id : repository.ids()) {
      measureDue(id);
    }
  }

  public EvidenceSnapshots snapshots() {
    return snapshots;
  }

  private Casefile appendNow(Casefile c, Instant at, String author, EntryBody body) {
    Casefile next = c.append(at, author, body);
    repository.append(c.incident().id(), next.entries().get(next.entries().size() - 1));
    return next;
  }

  static Severity severityOf(Investigation inv) {
    if (inv != null && inv.symptom() != null && inv.symptom().severity() != null) {
      try {
        return Severity.parse(inv.symptom().severity().level());
      } catch (IllegalArgumentException e) {
        return Severity.SEV4;
      }
    }
    return Severity.SEV4;
  }

  static IncidentSymptom symptomOf(Investigation inv) {
    if (inv == null || inv.symptom() == null) {
      return IncidentSymptom.unknown();
    }
    var s = inv.symptom();
    Map<String, String> cohort = new HashMap<>();
    // a version attribute changes with the rollback itself: it cannot select the same cohort after it
    if (!s.cohorts().isEmpty() && s.cohorts().get(0).shareOfExcess() >= 0.5) {
      s.cohorts().get(0).attributes().forEach((k, v) -> {
        if (!VOLATILE_KEYS.contains(k)) {
          cohort.put(k, v);
        }
      });
    }
    String description = String.format(Locale.ROOT, "%s: error rate %.1f%% -> %.1f%% since %s",
        s.flow() == null ? "whole environment" : s.flow().toString(), 100 * s.baseline().errorRate(),
        100 * s.observed().errorRate(), s.onset().at());
    return new IncidentSymptom(s.flow(), cohort, "errors", description, s.onset().at());
  }

  /** The facts and hypotheses an investigation contributes to a new casefile. */
  static List<EntryBody> seedEntries(Investigation inv) {
    List<EntryBody> out = new ArrayList<>();
    if (!inv.anomaly()) {
      out.add(new EntryBody.Fact("the investigation found no anomaly in " + inv.question().from() + " .. "
          + inv.question().to(), "investigation", Map.of(), null));
      return out;
    }
    var s = inv.symptom();
    Map<String, Double> numbers = new HashMap<>();
    numbers.put("requests", (double) s.observed().requests());
    numbers.put("errors", (double) s.observed().errors());
    numbers.put("rate", s.observed().errorRate());
    numbers.put("baseline_rate", s.baseline().errorRate());
    out.add(new EntryBody.Fact(symptomOf(inv).description(), "investigation", numbers,
        inv.evidence(s.evidence() == null ? "" : s.evidence()).map(e -> e.query()).orElse(null)));
    for (Cohort c : s.cohorts()) {
      out.add(new EntryBody.Fact(String.format(Locale.ROOT, "for whom: %s explains %.0f%% of the excess errors "
              + "(rate %.1f%%, baseline %.1f%%)", c.describe(), 100 * c.shareOfExcess(), 100 * c.rate(),
              100 * c.baselineRate()), "investigation",
          Map.of("share_of_excess", c.shareOfExcess(), "rate", c.rate(), "baseline_rate", c.baselineRate()),
          inv.evidence(c.evidence() == null ? "" : c.evidence()).map(e -> e.query()).orElse(null)));
    }
    for (Suspect suspect : inv.suspects()) {
      List<String> reasons = suspect.reasons().stream().map(r -> r.kind() + ": " + r.text()).toList();
      out.add(new EntryBody.Hypothesis(suspect.change().type().wireName() + " " + suspect.change().summary()
              + " at " + suspect.change().timestamp() + " caused the symptom (suspect, " + suspect.confidence().wireName()
              + String.format(Locale.ROOT, ", score %.2f)", suspect.score()),
          HypothesisStatus.OPEN, reasons, List.of(), null));
    }
    if (inv.unexplained()) {
      out.add(new EntryBody.Fact("no recorded change explains the symptom", "investigation", Map.of(), null));
    }
    return out;
  }
}
