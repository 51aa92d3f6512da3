package io.casefile.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.effect.EffectVerdict;
import io.casefile.incident.ActionKind;
import io.casefile.incident.Casefile;
import io.casefile.incident.EntryBody;
import io.casefile.incident.HypothesisStatus;
import io.casefile.incident.Incident;
import io.casefile.incident.IncidentStatus;
import io.casefile.incident.IncidentSymptom;
import io.casefile.incident.Incidents;
import io.casefile.incident.Lever;
import io.casefile.incident.Severity;
import io.casefile.model.Flow;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The scoring rules alone: synthetic casefiles and worlds, a fixed clock, no server. */
class DrillScorerTest {
  static final Instant ONSET = Instant.parse("2026-03-02T12:03:20Z");
  static final Instant PAGE = ONSET.plusSeconds(120);
  static final Instant END = PAGE.plusSeconds(900);
  static final String FLOW = "frontend:POST /checkout";
  static final Lever ROLLBACK = new Lever("rollback", "payments", null);

  Casefile c = new Casefile(new Incident("INC-1", "[drill] checkout", Severity.SEV2, "ana",
      new IncidentSymptom(Flow.parse(FLOW), Map.of(), "errors", "", null), PAGE, "casefile", true), List.of());
  List<DrillFacts.Inquiry> inquiries = new ArrayList<>();
  List<DrillFacts.AppliedLever> levers = new ArrayList<>();
  Instant cured;

  Casefile add(Instant at, String author, EntryBody body) {
    c = c.append(at, author, body);
    return c;
  }

  long action(Instant at, String summary, Lever lever, boolean cures, List<Long> confounds) {
    add(at, Incidents.CASEFILE_AUTHOR, new EntryBody.Snapshot("inc-1-s" + c.nextSeq(), "auto", at, at, "x", Map.of()));
    add(at, "ana", new EntryBody.Action(ActionKind.MITIGATION, summary, null, null, null,
        confounds.isEmpty() ? null : "hurry", confounds, null, lever));
    long seq = c.entries().size();
    if (lever != null) {
      levers.add(new DrillFacts.AppliedLever(seq, at, lever, cures ? "stops the fault" : "the fault does not depend on it",
          at.plusSeconds(80), cures));
      if (cures && cured == null) {
        cured = at.plusSeconds(80);
      }
    }
    return seq;
  }

  /** 100 requests per 10 s; 10 affected while the fault is on. */
  List<DrillFacts.Traffic> traffic() {
    List<DrillFacts.Traffic> out = new ArrayList<>();
    for (Instant t = ONSET.minusSeconds(600); t.isBefore(END); t = t.plusSeconds(10)) {
      boolean on = !t.isBefore(ONSET) && (cured == null || t.isBefore(cured));
      out.add(new DrillFacts.Traffic(t, t.plusSeconds(10), 100, on ? 8 : 0, on ? 10 : 0));
    }
    return out;
  }

  Debrief score() {
    var facts = new DrillFacts("DRL-1", "bad-deploy", "a bad deploy", "ana", 7, 10, "errors", ONSET.minusSeconds(300),
        ONSET, PAGE, "[FIRING] checkout", List.of(FLOW, "payments:POST /payments/authorize"),
        List.of(Map.of("payment_method", "pix")), "deploy payments 2.31.0", "roll back payments",
        Duration.ofSeconds(80), List.of(), c, inquiries, levers, cured, traffic());
    return new DrillScorer(InstantSource.fixed(END)).debrief(facts);
  }

  static String verdict(Debrief d, String rule) {
    return d.rules().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow().verdict();
  }

  void disciplinedUntil(UnaryOperator<Instant> skip) {
    Instant t = PAGE.plusSeconds(60);
    inquiries.add(new DrillFacts.Inquiry(t, FLOW + " errors", true, FLOW, ONSET.plusSeconds(15),
        List.of(Map.of("payment_method", "pix")), List.of("chg-payments-2.31.0 deploy"), false));
    add(t.plusSeconds(10), "ana", new EntryBody.Hypothesis("payments 2.31.0 broke pix", HypothesisStatus.OPEN, null,
        null, null));
    add(t.plusSeconds(20), "ana", new EntryBody.Snapshot("inc-1-s3", "before the change", t, t, "x", Map.of()));
    long a = action(t.plusSeconds(60), "roll back payments", ROLLBACK, true, List.of());
    add(t.plusSeconds(70), "ana", new EntryBody.StatusUpdate(IncidentStatus.INVESTIGATING,
        "Rolling back payments. Next decision: judge the rollback at 12:12", null, "k1"));
    add(t.plusSeconds(420), Incidents.CASEFILE_AUTHOR, new EntryBody.Effect(a, EffectVerdict.HELPED, "helped", null));
    add(skip.apply(t.plusSeconds(430)), "ana", new EntryBody.Hypothesis("payments 2.31.0 broke pix",
        HypothesisStatus.CONFIRMED, null, null, 1L));
    add(t.plusSeconds(440), "ana", new EntryBody.RootCause("the QR builder drops the merchant city", false, null,
        null, "deploy payments 2.31.0"));
    add(t.plusSeconds(450), "ana", new EntryBody.StatusUpdate(IncidentStatus.MITIGATED,
        "Mitigated. Next update by 12:45", null, "k2"));
  }

  @Test
  void aDisciplinedSequencePassesEveryRule() {
    disciplinedUntil(t -> t);
    Debrief d = score();
    assertThat(d.rules()).allSatisfy(r -> assertThat(r.verdict()).as(r.rule() + ": " + r.evidence()).isEqualTo("pass"));
    assertThat(d.rules().stream().mapToInt(Debrief.RuleVerdict::max).sum() + d.outcome().max()).isEqualTo(100);
    // mitigated 2 min after the page: best possible is the fault until page + 80 s
    assertThat(d.outcome().bestPossibleAffected()).isEqualTo(20 * 10);
    assertThat(d.outcome().affectedRequests()).isEqualTo(32 * 10);
    assertThat(d.outcome().points()).isEqualTo(Math.round(15 * 200 / 320.0));
    assertThat(d.score()).isEqualTo(85 + d.outcome().points());
    assertThat(d.outcome().timeToMitigate()).isEqualTo(Duration.ofSeconds(200));
    assertThat(d.scoring()).last().asString().contains("total " + d.score() + " / 100");
  }

  @Test
  void actingWithoutScopingOrUpdatesFailsThoseRulesByName() {
    action(PAGE.plusSeconds(10), "restart frontend", new Lever("restart", "frontend", null), false, List.of());
    action(PAGE.plusSeconds(20), "raise timeouts", null, false, List.of(c.nextSeq() - 1));
    action(PAGE.plusSeconds(30), "roll back payments", ROLLBACK, true, List.of(c.nextSeq() - 1));
    Debrief d = score();
    assertThat(verdict(d, "symptom_scoped")).isEqualTo("fail");
    assertThat(verdict(d, "suspects_checked")).isEqualTo("fail");
    assertThat(verdict(d, "one_change_at_a_time")).isEqualTo("fail");
    assertThat(verdict(d, "mitigation_aimed")).isEqualTo("partial");
    assertThat(verdict(d, "evidence_kept")).isEqualTo("partial");
    assertThat(verdict(d, "hypothesis_tested")).isEqualTo("fail");
    assertThat(verdict(d, "updates_on_cadence")).isEqualTo("fail");
    assertThat(verdict(d, "root_cause_apart")).isEqualTo("fail");
    assertThat(d.score()).isLessThan(40);
  }

  @Test
  void aWrongChangeIsNotAimedAtTheCauseAndTheFaultRunsOn() {
    inquiries.add(new DrillFacts.Inquiry(PAGE.plusSeconds(30), FLOW, true, FLOW, ONSET, List.of(Map.of("payment_method",
        "pix")), List.of("frontend deploy"), false));
    action(PAGE.plusSeconds(60), "roll back frontend", new Lever("rollback", "frontend", null), false, List.of());
    Debrief d = score();
    assertThat(verdict(d, "mitigation_aimed")).isEqualTo("fail");
    assertThat(d.changes().getFirst().aimedAtCause()).isFalse();
    assertThat(d.changes().getFirst().world()).contains("does not depend on it");
    assertThat(d.outcome().faultStoppedAt()).isNull();
    assertThat(d.outcome().points()).isZero();
  }

  @Test
  void aHypothesisNotRevisedAfterTheEffectIsPartial() {
    disciplinedUntil(t -> t);
    c = new Casefile(c.incident(), renumber(c));
    assertThat(verdict(score(), "hypothesis_tested")).isEqualTo("partial");
  }

  @Test
  void containmentBeforeTheOnsetOrAfterTheFaultStoppedIsNotActiveDamage() {
    cured = PAGE;
    action(PAGE.plusSeconds(60), "roll back payments", ROLLBACK, false, List.of());
    assertThat(verdict(score(), "damage_active")).isEqualTo("fail");
  }

  @Test
  void aRootCauseThatOnlyNamesTheMitigationIsPartial() {
    add(PAGE.plusSeconds(30), "ana", new EntryBody.RootCause("rolled back payments", false, null, null, null));
    assertThat(verdict(score(), "root_cause_apart")).isEqualTo("partial");
  }

  @Test
  void withoutAMitigationTheContainmentRulesAreNotApplicableAndEarnNothing() {
    Debrief d = score();
    assertThat(verdict(d, "damage_active")).isEqualTo("not_applicable");
    assertThat(verdict(d, "one_change_at_a_time")).isEqualTo("not_applicable");
    assertThat(verdict(d, "mitigation_aimed")).isEqualTo("fail");
    assertThat(d.score()).isZero();
  }

  @Test
  void theSameFactsGiveTheSameDebrief() {
    disciplinedUntil(t -> t);
    assertThat(score()).isEqualTo(score());
  }

  /** The casefile without the hypothesis revision, renumbered. */
  private static List<io.casefile.incident.Entry> renumber(Casefile c) {
    List<io.casefile.incident.Entry> out = new ArrayList<>();
    for (var e : c.entries()) {
      if (e.body() instanceof EntryBody.Hypothesis h && h.revises() != null) {
        continue;
      }
      out.add(new io.casefile.incident.Entry(out.size() + 1L, e.at(), e.author(), e.body()));
    }
    return out;
  }
}
