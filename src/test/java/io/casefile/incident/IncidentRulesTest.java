package io.casefile.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {
  static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");

  static Casefile fresh() {
    return new Casefile(new Incident("INC-1", "checkout 500s", Severity.SEV2, "ana", null, T0, "ana"), List.of());
  }

  static EntryBody.Action mitigation(String summary) {
    return new EntryBody.Action(ActionKind.MITIGATION, summary, "payments", "errors stop", null, null, null, null);
  }

  static Casefile append(Casefile c, Instant at, EntryBody body, boolean force, String reason) {
    return c.append(at, "ana", IncidentRules.admit(c, body, at, force, reason));
  }

  @Test
  void secondMitigationInsideTheWindowIsRefusedWithTheReason() {
    Casefile c = append(fresh(), T0, mitigation("roll back payments"), false, null);
    assertThatThrownBy(() -> IncidentRules.admit(c, mitigation("disable flag"), T0.plusSeconds(60), false, null))
        .isInstanceOfSatisfying(RuleViolation.class, v -> {
          assertThat(v.code()).isEqualTo("overlapping_change");
          assertThat(v.getMessage()).contains("roll back payments", "240 s left", "force");
        });
  }

  @Test
  void forcedOverlapMarksBothActionsConfounded() {
    Casefile c = append(fresh(), T0, mitigation("roll back payments"), false, null);
    c = append(c, T0.plusSeconds(60), mitigation("disable flag"), true, "customers are still failing");
    var actions = c.actions(T0.plusSeconds(90));
    assertThat(actions).hasSize(2).allMatch(ActionView::confounded);
    assertThat(actions.get(1).action().confounds()).containsExactly(1L);
    assertThat(actions.get(1).action().forcedReason()).isEqualTo("customers are still failing");
  }

  @Test
  void forceWithoutReasonIsBadInput() {
    Casefile c = append(fresh(), T0, mitigation("roll back"), false, null);
    assertThatThrownBy(() -> IncidentRules.admit(c, mitigation("x"), T0, true, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
  }

  @Test
  void mitigationAfterTheWindowAndDiagnosticsInsideItAreAllowed() {
    Casefile c = append(fresh(), T0, mitigation("roll back"), false, null);
    var diag = new EntryBody.Action(ActionKind.DIAGNOSTIC, "enable debug logs", null, null, null, null, null, null);
    c = append(c, T0.plusSeconds(10), diag, false, null);
    c = append(c, T0.plus(Duration.ofMinutes(5)), mitigation("scale out"), false, null);
    assertThat(c.actions(T0.plus(Duration.ofMinutes(5)))).noneMatch(ActionView::confounded);
    assertThat(c.actions(T0.plus(Duration.ofMinutes(5))).get(0).state()).isEqualTo(ActionView.AWAITING_MEASUREMENT);
  }

  @Test
  void resolvingWithoutRootCauseIsRefusedThenAllowedWithUnknownRootCause() {
    Casefile c = fresh();
    c = c.append(T0, "ana", IncidentRules.admitStatus(c, IncidentStatus.MITIGATED, null));
    Casefile mitigated = c;
    assertThatThrownBy(() -> IncidentRules.admitStatus(mitigated, IncidentStatus.RESOLVED, null))
        .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo("root_cause_required"));
    assertThatThrownBy(() -> new EntryBody.RootCause(null, true, "logs rotated", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("follow_up");
    c = c.append(T0, "ana", new EntryBody.RootCause(null, true, "logs rotated", "add retention", null));
    c = c.append(T0, "ana", IncidentRules.admitStatus(c, IncidentStatus.RESOLVED, "fixed"));
    assertThat(c.status()).isEqualTo(IncidentStatus.RESOLVED);
  }

  @Test
  void statusMachineRefusesInvalidTransitions() {
    Casefile c = fresh();
    assertThatThrownBy(() -> IncidentRules.admitStatus(fresh(), IncidentStatus.INVESTIGATING, null))
        .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo("invalid_transition"));
    c = c.append(T0, "ana", IncidentRules.admitStatus(c, IncidentStatus.IDENTIFIED, null));
    Casefile identified = c;
    assertThatThrownBy(() -> IncidentRules.admitStatus(identified, IncidentStatus.INVESTIGATING, null))
        .isInstanceOf(RuleViolation.class).hasMessageContaining("from identified to investigating");
    c = c.append(T0, "ana", IncidentRules.admitStatus(c, IncidentStatus.MONITORING, null));
    c = c.append(T0, "ana", IncidentRules.admitStatus(c, IncidentStatus.INVESTIGATING, "errors came back"));
    assertThat(c.status()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(IncidentStatus.RESOLVED.canMoveTo(IncidentStatus.MONITORING)).isFalse();
  }

  @Test
  void hypothesisRevisionsAreNewEntriesAndTheLatestWins() {
    Casefile c = fresh();
    c = c.append(T0, "ana", new EntryBody.Hypothesis("deploy v2.31.0 broke pix", null, List.of("97% on v2.31.0"), null, null));
    c = c.append(T0, "bo", IncidentRules.admit(c,
        new EntryBody.Hypothesis("deploy v2.31.0 broke pix", HypothesisStatus.CONFIRMED, null, null, 1L), T0, false, null));
    assertThat(c.entries()).hasSize(2);
    assertThat(c.hypotheses()).hasSize(1);
    assertThat(c.hypotheses().get(1L).status()).isEqualTo(HypothesisStatus.CONFIRMED);
    Casefile finalC = c;
    assertThatThrownBy(() -> IncidentRules.admit(finalC,
        new EntryBody.Hypothesis("x", null, null, null, 99L), T0, false, null))
        .isInstanceOf(RuleViolation.class).hasMessageContaining("not a hypothesis");
  }

  @Test
  void entriesMustBeNumberedInOrder() {
    var incident = fresh().incident();
    assertThatThrownBy(() -> new Casefile(incident, List.of(new Entry(2, T0, "ana", new EntryBody.Note("x")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in order");
  }
}
