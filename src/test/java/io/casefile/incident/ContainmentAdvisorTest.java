package io.casefile.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.investigation.Cohort;
import io.casefile.model.Confidence;
import io.casefile.investigation.Investigation;
import io.casefile.model.Onset;
import io.casefile.investigation.Question;
import io.casefile.model.Severity;
import io.casefile.investigation.Signal;
import io.casefile.model.SignalSpec;
import io.casefile.model.Suspect;
import io.casefile.investigation.Symptom;
import io.casefile.investigation.Window;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainmentAdvisorTest {
  static final Instant ONSET = Instant.parse("2026-01-01T14:02:10Z");
  static final Instant NOW = ONSET.plusSeconds(720);

  static Investigation badDeploy() {
    Flow flow = new Flow("checkout", "POST /checkout");
    var question = new Question(flow, SignalSpec.ERRORS, ONSET.minusSeconds(3600), NOW);
    var observed = new Window(ONSET, NOW, 12_683, 2_310, 0.182, "ratio");
    var baseline = new Window(ONSET.minusSeconds(3600), ONSET, 60_000, 240, 0.004, "ratio");
    var symptom = new Symptom(flow, new Onset(ONSET, ONSET.minusSeconds(20), ONSET.plusSeconds(20)), observed, baseline,
        null, List.of(), List.of(new Cohort(Map.of("cloud.region", "eu-west"), 0.94, 3000, 2170, 0.71, 0.003, "e3")),
        new Severity("SEV2", 2310, 190, 0.07, null, 36.4, 0.999, "e9"), "e1");
    var deploy = new ChangeEvent("c1", ChangeType.DEPLOY, ONSET.minusSeconds(22), "payments", "deploy payments 2.31.0",
        "2.31.0", "2.30.4", "prod", null, Map.of(), null, "ci", "api");
    var flag = new ChangeEvent("c2", ChangeType.FEATURE_FLAG, ONSET.minusSeconds(1320), "checkout", "new-pix-flow 10%->50%",
        null, null, "prod", "new-pix-flow", Map.of(), null, "ana", "api");
    var suspects = List.of(new Suspect(deploy, 0.93, Confidence.STRONG, List.of(), List.of()),
        new Suspect(flag, 0.2, Confidence.WEAK, List.of(), List.of()));
    var signals = List.of(new Signal("error_origin", "payments", "POST /pix/authorize", "pix-gateway", 0.97,
        "errors originate in payments -> pix-gateway", Map.of(), "e7"));
    return new Investigation(question, true, symptom, suspects, false, signals, List.of(), List.of());
  }

  @Test
  void activeMeaningfulDamageWithReversibleRollbackAdvisesMitigatingFirst() {
    var advice = new ContainmentAdvisor(InstantSource.fixed(NOW)).advise(badDeploy());
    assertThat(advice.active()).isTrue();
    assertThat(advice.meaningful()).isTrue();
    assertThat(advice.recommendation()).isEqualTo("mitigate_first");
    assertThat(advice.failedPerMinute()).isEqualTo(192.5);
    assertThat(advice.projectedFailedNext10m()).isEqualTo(1925);
    assertThat(advice.candidates()).extracting(Mitigation::kind)
        .as("the weak flag suspect is not a candidate")
        .containsExactly("rollback", "route_away", "shed_dependency");
    Mitigation rollback = advice.candidates().get(0);
    assertThat(rollback.action()).isEqualTo("roll back payments 2.31.0 -> 2.30.4");
    assertThat(rollback.reversible()).isTrue();
    assertThat(rollback.blastRadius()).contains("payments");
    assertThat(advice.summary()).contains("roll back payments", "snapshot");
  }

  @Test
  void noChangeIsAdvisedWhenNoChangeExplainsTheSymptom() {
    Investigation inv = badDeploy();
    var weak = new Suspect(inv.suspects().get(0).change(), 0.3, Confidence.WEAK, List.of(), List.of());
    var unexplained = new Investigation(inv.question(), true, inv.symptom(), List.of(weak), true, inv.signals(),
        List.of(), List.of());
    var advice = new ContainmentAdvisor(InstantSource.fixed(NOW)).advise(unexplained);
    assertThat(advice.candidates()).extracting(Mitigation::kind).doesNotContain("rollback", "flag_off");
    String report = io.casefile.investigation.InvestigationReport.render(unexplained, advice.reportLines());
    assertThat(report).contains("no recorded change explains this").doesNotContain("roll back");
  }

  @Test
  void aRollbackThatCausedTheOutageIsNotAdvisedAgain() {
    Investigation inv = badDeploy();
    var deploy = new ChangeEvent("d", ChangeType.DEPLOY, ONSET.minusSeconds(1800), "shop", "deploy shop 1.5.0",
        "1.5.0", "1.4.0", "prod", null, Map.of(), null, "ci", "api");
    var rollback = new ChangeEvent("r", ChangeType.ROLLBACK, ONSET.minusSeconds(20), "shop", "rollback shop 1.4.0",
        "1.4.0", "1.5.0", "prod", null, Map.of(), null, "ci", "api");
    var caused = new Investigation(inv.question(), true, inv.symptom(),
        List.of(new Suspect(rollback, 0.9, Confidence.STRONG, List.of(), List.of()),
            new Suspect(deploy, 0.5, Confidence.MODERATE, List.of(), List.of())),
        false, List.of(), List.of(), List.of());
    var advice = new ContainmentAdvisor(InstantSource.fixed(NOW)).advise(caused);
    assertThat(advice.candidates()).extracting(Mitigation::action)
        .noneMatch(a -> a.contains("1.5.0 -> 1.4.0"))
        .first().asString().contains("undo the rollback of shop: 1.4.0 -> 1.5.0");
    String report = io.casefile.investigation.InvestigationReport.render(caused, advice.reportLines());
    assertThat(report).contains("act on suspect 1 (rollback");
  }

  @Test
  void aTrafficSurgeIsContainedByShedingLoadNotByRevertingAWeakConfigChange() {
    Investigation inv = badDeploy();
    var surge = new ChangeEvent("t", ChangeType.TRAFFIC, ONSET.minusSeconds(10), "checkout", "traffic x4",
        null, null, "prod", null, Map.of(), null, null, "api");
    var config = new ChangeEvent("c", ChangeType.CONFIG, ONSET.minusSeconds(600), "checkout", "log level",
        null, null, "prod", null, Map.of(), null, null, "api");
    var traffic = new Investigation(inv.question(), true, inv.symptom(),
        List.of(new Suspect(surge, 0.9, Confidence.STRONG, List.of(), List.of()),
            new Suspect(config, 0.2, Confidence.WEAK, List.of(), List.of())),
        false, List.of(), List.of(), List.of());
    var advice = new ContainmentAdvisor(InstantSource.fixed(NOW)).advise(traffic);
    assertThat(advice.candidates()).extracting(Mitigation::kind).first().isEqualTo("shed_load");
    assertThat(advice.candidates()).extracting(Mitigation::kind).doesNotContain("revert_config");
  }

  @Test
  void recoveredSignalIsNotActive() {
    var recent = new Window(NOW.minusSeconds(300), NOW, 5000, 20, 0.004, "ratio");
    var advice = new ContainmentAdvisor(InstantSource.fixed(NOW)).advise(badDeploy(), recent);
    assertThat(advice.active()).isFalse();
    assertThat(advice.recommendation()).isEqualTo("investigate_first");
    assertThat(advice.costOfWaiting()).contains("little");
  }

  @Test
  void staleDataCannotTellWhetherDamageIsActive() {
    var advice = new ContainmentAdvisor(InstantSource.fixed(NOW.plusSeconds(3600))).advise(badDeploy());
    assertThat(advice.active()).isNull();
    assertThat(advice.activeReason()).startsWith("unknown");
    assertThat(advice.recommendation()).isEqualTo("investigate_first");
  }

  @Test
  void noAnomalyNeedsNoAction() {
    var q = badDeploy().question();
    var advice = new ContainmentAdvisor(InstantSource.fixed(NOW)).advise(Investigation.noAnomaly(q, List.of(), List.of()));
    assertThat(advice.recommendation()).isEqualTo("no_action");
    assertThat(advice.candidates()).isEmpty();
  }
}
