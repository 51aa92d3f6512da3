package io.casefile.drill;

import io.casefile.incident.ActionKind;
import io.casefile.incident.ActionView;
import io.casefile.incident.Casefile;
import io.casefile.incident.Entry;
import io.casefile.incident.EntryBody;
import io.casefile.incident.HypothesisStatus;
import io.casefile.incident.Incidents;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges a drill against the discipline: one verdict per rule (pass earns the rule's points,
 * partial half of them, fail and not applicable none), plus the outcome — the affected requests
 * against the best possible. Pure: no I/O, and "now" (the drill's end) comes from the injected clock.
 */
public final class DrillScorer {
  static final int OUTCOME_POINTS = 15;
  /** An onset within this of the truth counts as found. */
  static final Duration ONSET_TOLERANCE = Duration.ofMinutes(3);
  /** Damage is meaningful when at least this many requests per minute were affected before containment. */
  static final double MEANINGFUL_PER_MINUTE = 1;

  private final InstantSource clock;

  public DrillScorer(InstantSource clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  Debrief debrief(DrillFacts f) {
    Instant end = clock.instant();
    Casefile c = f.casefile();
    List<ActionView> mitigations = c.actions(end).stream()
        .filter(v -> v.action().kind() == ActionKind.MITIGATION).toList();
    Instant first = mitigations.isEmpty() ? null : mitigations.getFirst().at();
    Instant cutoff = first != null ? first : end;
    var rules = new ArrayList<Debrief.RuleVerdict>();
    rules.add(scoped(f, cutoff));
    rules.add(suspects(f, cutoff));
    rules.add(damage(f, first));
    rules.add(aimed(f, mitigations));
    rules.add(evidence(f, mitigations, first));
    rules.add(oneChange(mitigations));
    rules.add(hypothesis(f, first));
    rules.add(updates(f, end));
    rules.add(rootCause(f));
    Debrief.Outcome outcome = outcome(f, first, end);
    int score = rules.stream().mapToInt(Debrief.RuleVerdict::points).sum() + outcome.points();
    var scoring = new ArrayList<String>();
    for (var r : rules) {
      scoring.add(String.format(Locale.ROOT, "%-22s %-14s %2d / %2d", r.rule(), r.verdict(), r.points(), r.max()));
    }
    scoring.add(String.format(Locale.ROOT, "%-22s %-14s %2d / %2d   (%d x best possible / affected requests = "
            + "%d x %d / %d, 0 if the fault never stopped)", "outcome", outcome.faultStoppedAt() == null ? "not_stopped"
            : "stopped", outcome.points(), outcome.max(), OUTCOME_POINTS, OUTCOME_POINTS,
        outcome.bestPossibleAffected(), outcome.affectedRequests()));
    scoring.add("pass earns a rule's points, partial half (rounded down), fail and not_applicable none; total " + score
        + " / 100");
    return new Debrief(f.drill(), f.scenario(), f.description(), f.responder(), f.seed(), f.speed(), f.startedAt(),
        f.pagedAt(), end, f.page(), truth(f), DebriefTimeline.rows(f, end), rules, reviews(f, mitigations, end),
        outcome, score, scoring);
  }

  private static Debrief.Truth truth(DrillFacts f) {
    return new Debrief.Truth(f.signal(), f.onset(), f.affectedFlows(), cohortText(f.cohort()), f.cause(),
        f.rightMitigation());
  }

  // 1. symptom scoped (flow, onset, cohort) before the first mitigation
  private static Debrief.RuleVerdict scoped(DrillFacts f, Instant cutoff) {
    DrillFacts.Inquiry best = null;
    int bestHits = 0;
    for (DrillFacts.Inquiry q : f.inquiries()) {
      if (q.at().isAfter(cutoff) || !q.anomaly() || q.flow() == null || !f.affectedFlows().contains(q.flow())) {
        continue;
      }
      int hits = 1 + (onsetFound(f, q) ? 1 : 0) + (cohortFound(f, q) ? 1 : 0);
      if (hits > bestHits) {
        best = q;
        bestHits = hits;
      }
    }
    String before = " before the first mitigation";
    if (best != null) {
      String found = "investigation at " + best.at() + ": flow " + best.flow() + ", onset " + best.onset()
          + " (truth " + f.onset() + ")" + (f.cohort().isEmpty() ? "" : ", cohorts " + cohortText(best.cohorts())
          + " (truth " + cohortText(f.cohort()) + ")");
      return bestHits == 3 ? verdict("symptom_scoped", "pass", "flow, onset and cohort measured" + before + ": " + found,
          best.at())
          : verdict("symptom_scoped", "partial", "the flow was measured" + before + ", but not "
              + (onsetFound(f, best) ? "the affected cohort" : "the onset") + ": " + found, best.at());
    }
    List<Entry> facts = responderEntries(f.casefile(), EntryBody.Fact.class, cutoff);
    if (!facts.isEmpty()) {
      return verdict("symptom_scoped", "partial", "facts were recorded" + before + " but no investigation measured the "
          + "symptom's flow " + String.join(" or ", f.affectedFlows()), facts.getFirst().at());
    }
    return verdict("symptom_scoped", "fail", "nothing measured the symptom" + before + " (no investigation found "
        + String.join(" or ", f.affectedFlows()) + ")");
  }

  private static boolean onsetFound(DrillFacts f, DrillFacts.Inquiry q) {
    return q.onset() != null && Duration.between(q.onset(), f.onset()).abs().compareTo(ONSET_TOLERANCE) <= 0;
  }

  private static boolean cohortFound(DrillFacts f, DrillFacts.Inquiry q) {
    return f.cohort().isEmpty() || q.cohorts().stream().anyMatch(found -> f.cohort().stream()
        .anyMatch(truth -> found.entrySet().containsAll(truth.entrySet())));
  }

  // 2. recent changes checked: suspects looked at before acting
  private static Debrief.RuleVerdict suspects(DrillFacts f, Instant cutoff) {
    for (DrillFacts.Inquiry q : f.inquiries()) {
      if (!q.at().isAfter(cutoff) && q.anomaly() && (!q.suspects().isEmpty() || q.unexplained())) {
        return verdict("suspects_checked", "pass", "investigation at " + q.at() + " ranked the recent changes: "
            + (q.suspects().isEmpty() ? "no recorded change explains the symptom" : String.join("; ", q.suspects())),
            q.at());
      }
    }
    List<Entry> hypotheses = responderEntries(f.casefile(), EntryBody.Hypothesis.class, cutoff);
    if (!hypotheses.isEmpty()) {
      return verdict("suspects_checked", "partial", "a hypothesis was recorded before acting, but no investigation "
          + "ranked the recent changes against the symptom", hypotheses.getFirst().at());
    }
    return verdict("suspects_checked", "fail", "no recent change was looked at before acting");
  }

  // 3. damage active and meaningful when containment started
  private static Debrief.RuleVerdict damage(DrillFacts f, Instant first) {
    if (first == null) {
      return verdict("damage_active", "not_applicable", "no mitigation: nothing was contained");
    }
    Instant from = first.minus(Duration.ofMinutes(5));
    long affected = 0;
    long requests = 0;
    for (DrillFacts.Traffic t : f.traffic()) {
      if (!t.from().isBefore(from) && !t.to().isAfter(first)) {
        affected += t.affected();
        requests += t.requests();
      }
    }
    double perMinute = affected / 5.0;
    boolean active = !first.isBefore(f.onset()) && (f.curedAt() == null || first.isBefore(f.curedAt()));
    String numbers = String.format(Locale.ROOT, "%d of %d requests affected in the 5 min before %s (%.1f/min)",
        affected, requests, first, perMinute);
    if (active && perMinute >= MEANINGFUL_PER_MINUTE) {
      return verdict("damage_active", "pass", "the damage was active and meaningful when containment started: "
          + numbers, first);
    }
    return verdict("damage_active", "fail", (active ? "the damage was not meaningful: " : "the damage was not active: ")
        + numbers, first);
  }

  // 4. the mitigation reversible and aimed at the cause
  private static Debrief.RuleVerdict aimed(DrillFacts f, List<ActionView> mitigations) {
    if (mitigations.isEmpty()) {
      return verdict("mitigation_aimed", "fail", "no mitigation: the fault ran until the drill ended (the right one: "
          + f.rightMitigation() + ")");
    }
    ActionView first = mitigations.getFirst();
    Optional<DrillFacts.AppliedLever> firstLever = lever(f, first.seq());
    if (firstLever.isPresent() && firstLever.get().cures() && firstLever.get().lever().reversible()) {
      return verdict("mitigation_aimed", "pass", "the first mitigation \"" + first.action().summary() + "\" ("
          + firstLever.get().lever() + ") is reversible and addressed the cause", first.at());
    }
    String why = "the first mitigation \"" + first.action().summary() + "\" " + (firstLever.isEmpty()
        ? "has no lever (machine-readable target), so it changed nothing Casefile could apply"
        : !firstLever.get().cures() ? "(" + firstLever.get().lever() + ") was not aimed at the cause"
        : "(" + firstLever.get().lever() + ") is not reversible");
    for (ActionView v : mitigations.subList(1, mitigations.size())) {
      var l = lever(f, v.seq());
      if (l.isPresent() && l.get().cures()) {
        return verdict("mitigation_aimed", "partial", why + "; a later one \"" + v.action().summary() + "\" at "
            + v.at() + " was", first.at(), v.at());
      }
    }
    return verdict("mitigation_aimed", "fail", why + ", and none of the " + mitigations.size()
        + " mitigations was (the right one: " + f.rightMitigation() + ")", first.at());
  }

  // 5. evidence snapshot before the change
  private static Debrief.RuleVerdict evidence(DrillFacts f, List<ActionView> mitigations, Instant first) {
    if (first == null) {
      return verdict("evidence_kept", "not_applicable", "no mitigation: nothing could destroy evidence");
    }
    Entry snap = null;
    for (Entry e : f.casefile().entries()) {
      if (e.body() instanceof EntryBody.Snapshot && !e.at().isAfter(first)) {
        snap = e;
        break;
      }
    }
    if (snap == null) {
      return verdict("evidence_kept", "fail", "no evidence snapshot before the first mitigation at " + first, first);
    }
    String by = snap.author().equals(Incidents.CASEFILE_AUTHOR) ? "taken automatically" : "taken by " + snap.author();
    List<ActionView> restarts = mitigations.stream()
        .filter(v -> v.action().lever() != null && !v.action().lever().reversible()).toList();
    if (!restarts.isEmpty()) {
      return verdict("evidence_kept", "partial", "snapshot " + by + " at " + snap.at() + ", but " + restarts.size()
          + " restart(s) threw away in-memory state (heap, threads, caches) no snapshot keeps: "
          + restarts.stream().map(v -> v.action().lever().toString()).collect(Collectors.joining(", ")), snap.at());
    }
    return verdict("evidence_kept", "pass", "snapshot " + by + " at " + snap.at() + ", before the first mitigation",
        snap.at());
  }

  // 6. one change at a time
  private static Debrief.RuleVerdict oneChange(List<ActionView> mitigations) {
    if (mitigations.isEmpty()) {
      return verdict("one_change_at_a_time", "not_applicable", "no mitigation");
    }
    List<ActionView> confounded = mitigations.stream().filter(ActionView::confounded).toList();
    if (confounded.isEmpty()) {
      return verdict("one_change_at_a_time", "pass", mitigations.size() + " mitigation(s), each observed in its own "
          + "window", mitigations.stream().map(ActionView::at).toArray(Instant[]::new));
    }
    return verdict("one_change_at_a_time", "fail", confounded.size() + " of " + mitigations.size()
        + " mitigations overlapped another's observation window, so their effects cannot be told apart: "
        + confounded.stream().map(v -> "\"" + v.action().summary() + "\" at " + v.at()).collect(Collectors.joining(", ")),
        confounded.stream().map(ActionView::at).toArray(Instant[]::new));
  }

  // 7. a hypothesis recorded before the action and updated with its measured effect
  private static Debrief.RuleVerdict hypothesis(DrillFacts f, Instant first) {
    if (first == null) {
      return verdict("hypothesis_tested", "not_applicable", "no mitigation to test a hypothesis with");
    }
    List<Entry> before = responderEntries(f.casefile(), EntryBody.Hypothesis.class, first);
    Entry effect = null;
    Entry revision = null;
    for (Entry e : f.casefile().entries()) {
      if (e.body() instanceof EntryBody.Effect && effect == null) {
        effect = e;
      } else if (effect != null && revision == null && isResponder(e) && e.body() instanceof EntryBody.Hypothesis h
          && (h.revises() != null || h.status() != HypothesisStatus.OPEN)) {
        revision = e;
      }
    }
    boolean had = !before.isEmpty();
    boolean updated = revision != null;
    String text = (had ? "hypothesis recorded at " + before.getFirst().at() + " before the first mitigation"
        : "no hypothesis before the first mitigation at " + first) + "; " + (updated
        ? "updated at " + revision.at() + " after the measured effect"
        : effect == null ? "no effect was measured while the drill ran" : "not updated with the measured effect");
    List<Instant> at = new ArrayList<>();
    if (had) {
      at.add(before.getFirst().at());
    }
    if (updated) {
      at.add(revision.at());
    }
    return verdict("hypothesis_tested", had && updated ? "pass" : had || updated ? "partial" : "fail", text,
        at.toArray(Instant[]::new));
  }

  // 8. status updates on the cadence, each with a next decision
  private static Debrief.RuleVerdict updates(DrillFacts f, Instant end) {
    Casefile c = f.casefile();
    Duration cadence = c.incident().severity().updateCadence();
    List<Entry> updates = c.entries().stream().filter(e -> e.body() instanceof EntryBody.StatusUpdate).toList();
    if (updates.isEmpty()) {
      return verdict("updates_on_cadence", "fail", "no status update in " + minutes(Duration.between(f.pagedAt(), end))
          + " (" + c.incident().severity() + " cadence: every " + minutes(cadence) + ")");
    }
    List<String> problems = new ArrayList<>();
    Instant last = c.incident().openedAt();
    for (Entry u : updates) {
      if (Duration.between(last, u.at()).compareTo(cadence) > 0) {
        problems.add("the update at " + u.at() + " came " + minutes(Duration.between(last, u.at())) + " after the last");
      }
      if (!((EntryBody.StatusUpdate) u.body()).text().toLowerCase(Locale.ROOT).contains("next")) {
        problems.add("the update at " + u.at() + " names no next decision or next update");
      }
      last = u.at();
    }
    if (Duration.between(last, end).compareTo(cadence) > 0) {
      problems.add("no update in the last " + minutes(Duration.between(last, end)));
    }
    Instant[] at = updates.stream().map(Entry::at).toArray(Instant[]::new);
    return problems.isEmpty()
        ? verdict("updates_on_cadence", "pass", updates.size() + " update(s) within the " + c.incident().severity()
            + " cadence (every " + minutes(cadence) + "), each with the next decision", at)
        : verdict("updates_on_cadence", "partial", String.join("; ", problems), at);
  }

  // 9. root cause recorded apart from the mitigation
  private static Debrief.RuleVerdict rootCause(DrillFacts f) {
    List<Entry> roots = responderEntries(f.casefile(), EntryBody.RootCause.class, Instant.MAX);
    if (roots.isEmpty()) {
      return verdict("root_cause_apart", "fail", "no root cause recorded (mitigated is not resolved)");
    }
    Entry e = roots.getLast();
    var r = (EntryBody.RootCause) e.body();
    String s = r.statement().toLowerCase(Locale.ROOT);
    boolean namesMitigation = (r.trigger() == null || r.trigger().isBlank())
        && List.of("roll back", "rollback", "rolled back", "restart", "turned off", "scaled").stream().anyMatch(s::contains);
    if (namesMitigation) {
      return verdict("root_cause_apart", "partial", "the root cause at " + e.at() + " describes the mitigation, not the "
          + "cause: \"" + r.statement() + "\"", e.at());
    }
    return verdict("root_cause_apart", "pass", "root cause recorded at " + e.at() + " apart from the mitigation: \""
        + r.statement() + "\"" + (r.trigger() == null ? "" : " (trigger: " + r.trigger() + ")"), e.at());
  }

  private static Debrief.Outcome outcome(DrillFacts f, Instant first, Instant end) {
    Instant bestStop = f.pagedAt().plus(f.bestFixDelay());
    long requests = 0;
    long failed = 0;
    long affected = 0;
    long best = 0;
    for (DrillFacts.Traffic t : f.traffic()) {
      if (t.to().isAfter(f.onset()) && !t.from().isAfter(end)) {
        requests += t.requests();
        failed += t.failed();
        affected += t.affected();
        best += t.to().isAfter(bestStop) ? 0 : t.affected();
      }
    }
    Instant stopped = f.curedAt() != null && !f.curedAt().isAfter(end) ? f.curedAt() : null;
    int points = stopped == null || affected == 0 ? 0
        : (int) Math.round(OUTCOME_POINTS * Math.min(1.0, best / (double) affected));
    return new Debrief.Outcome(first, stopped, stopped == null ? null : Duration.between(f.pagedAt(), stopped),
        requests, failed, affected, Math.min(best, affected), points, OUTCOME_POINTS);
  }

  private static List<Debrief.ChangeReview> reviews(DrillFacts f, List<ActionView> mitigations, Instant end) {
    List<Debrief.ChangeReview> out = new ArrayList<>();
    for (ActionView v : f.casefile().actions(end)) {
      if (v.action().kind() == ActionKind.DIAGNOSTIC) {
        continue;
      }
      var l = lever(f, v.seq());
      String world = l.map(DrillFacts.AppliedLever::reaction)
          .orElse("no lever (machine-readable target): the world was not changed");
      String measured = v.effect() == null ? "not measured (" + v.state() + ")"
          : v.effect().verdict().wireName() + ": " + v.effect().explanation();
      out.add(new Debrief.ChangeReview(v.at(), v.action().summary(), l.map(a -> a.lever().toString()).orElse(null),
          l.map(a -> a.lever().reversible()).orElse(false), l.map(DrillFacts.AppliedLever::cures).orElse(false), world,
          measured, v.confounded()));
    }
    return out;
  }

  private static Optional<DrillFacts.AppliedLever> lever(DrillFacts f, long seq) {
    return f.levers().stream().filter(l -> l.seq() == seq).findFirst();
  }

  private static boolean isResponder(Entry e) {
    return !e.author().equals(Incidents.CASEFILE_AUTHOR);
  }

  private static List<Entry> responderEntries(Casefile c, Class<? extends EntryBody> type, Instant notAfter) {
    return c.entries().stream().filter(e -> type.isInstance(e.body()) && isResponder(e) && !e.at().isAfter(notAfter))
        .toList();
  }

  static final Map<String, String> TITLES = Map.of(
      "symptom_scoped", "Symptom scoped (flow, onset, cohort) before the first mitigation",
      "suspects_checked", "Recent changes checked (suspects looked at)",
      "damage_active", "Damage active and meaningful when containment started",
      "mitigation_aimed", "Mitigation reversible and aimed at the cause",
      "evidence_kept", "Evidence snapshot before the change",
      "one_change_at_a_time", "One change at a time (no confounded actions)",
      "hypothesis_tested", "Hypothesis recorded before the action and updated with its measured effect",
      "updates_on_cadence", "Status updates on the cadence with a next decision",
      "root_cause_apart", "Root cause recorded apart from the mitigation");

  static final Map<String, Integer> POINTS = Map.of(
      "symptom_scoped", 12, "suspects_checked", 8, "damage_active", 8, "mitigation_aimed", 14, "evidence_kept", 8,
      "one_change_at_a_time", 12, "hypothesis_tested", 8, "updates_on_cadence", 10, "root_cause_apart", 5);

  private static Debrief.RuleVerdict verdict(String rule, String verdict, String evidence, Instant... at) {
    int max = POINTS.get(rule);
    int points = switch (verdict) {
      case "pass" -> max;
      case "partial" -> max / 2;
      default -> 0;
    };
    return new Debrief.RuleVerdict(rule, TITLES.get(rule), verdict, points, max, evidence, List.of(at));
  }

  static String cohortText(List<Map<String, String>> cohorts) {
    return cohorts.isEmpty() ? "the whole flow" : cohorts.stream()
        .map(m -> new java.util.TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" and ")))
        .collect(Collectors.joining(" or "));
  }

  static String minutes(Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + " s" : (s / 60) + " min";
  }
}
