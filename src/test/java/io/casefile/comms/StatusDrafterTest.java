package io.casefile.comms;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.effect.EffectMeasurer;
import io.casefile.incident.ActionKind;
import io.casefile.incident.Casefile;
import io.casefile.incident.EntryBody;
import io.casefile.incident.HypothesisStatus;
import io.casefile.incident.Incident;
import io.casefile.incident.IncidentRules;
import io.casefile.incident.IncidentStatus;
import io.casefile.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDrafterTest {
  static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");

  static Casefile casefile() {
    Casefile c = new Casefile(new Incident("INC-7", "checkout 500s", Severity.SEV2, "ana", null, T0, "ana"), List.of());
    c = c.append(T0, "ana", new EntryBody.Fact("71% of pix checkouts fail", "investigation", null, null));
    c = c.append(T0, "ana", new EntryBody.Hypothesis("deploy payments 2.31.0 broke pix", HypothesisStatus.SUPPORTED,
        List.of("97% of errors on 2.31.0"), null, null));
    c = c.append(T0.plusSeconds(60), "ana", new EntryBody.Action(ActionKind.MITIGATION, "roll back payments", "payments",
        "pix errors stop", Duration.ofMinutes(5), null, null, "inc-7-s3"));
    return c;
  }

  @Test
  void draftSaysWhatWeKnowSuspectAndDoAndWhenTheNextDecisionAndUpdateAre() {
    StatusDraft d = StatusDrafter.draft(casefile(), null, T0.plusSeconds(120));
    assertThat(d.status()).isEqualTo("investigating");
    assertThat(d.whatWeKnow()).containsExactly("71% of pix checkouts fail");
    assertThat(d.whatWeSuspect()).containsExactly("deploy payments 2.31.0 broke pix (supported)");
    assertThat(d.whatWeAreDoing()).singleElement().asString().contains("roll back payments", "observing until 14:06 UTC");
    assertThat(d.nextDecision()).contains("14:06 UTC", "measured effect");
    assertThat(d.nextUpdateAt()).isEqualTo(T0.plusSeconds(120).plus(Duration.ofMinutes(30)));
    assertThat(d.text()).contains("[SEV2] INC-7 checkout 500s — INVESTIGATING", "Next update: by 14:32 UTC");
  }

  @Test
  void cadenceFollowsSeverityAndFlagsOverdueUpdates() {
    Casefile c = casefile();
    assertThat(UpdateCadence.of(c, T0.plusSeconds(600)).overdue()).isFalse();
    UpdateCadence late = UpdateCadence.of(c, T0.plus(Duration.ofMinutes(41)));
    assertThat(late.overdue()).isTrue();
    assertThat(late.nextDueAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(late.reminder()).contains("overdue by 11 min", "every 30 min");
    c = c.append(T0.plus(Duration.ofMinutes(40)), "ana",
        new EntryBody.StatusUpdate(IncidentStatus.INVESTIGATING, "update", null, "k"));
    assertThat(UpdateCadence.of(c, T0.plus(Duration.ofMinutes(41))).overdue()).isFalse();
  }

  @Test
  void postmortemKeepsTriggerRootCauseAndMitigationApartWithMeasuredEffects() {
    Casefile c = casefile();
    var m = new EffectMeasurer().measure(List.of(), List.of(), T0.plusSeconds(60), Duration.ofMinutes(5), false);
    c = c.append(T0.plusSeconds(400), "casefile", new EntryBody.Effect(3, m.verdict(), m.explanation(), m));
    c = c.append(T0.plusSeconds(500), "ana", new EntryBody.RootCause("QR builder drops the merchant city", false, null,
        null, "deploy payments 2.31.0"));
    c = c.append(T0.plusSeconds(600), "ana", IncidentRules.admitStatus(c, IncidentStatus.RESOLVED, "fixed"));
    String md = PostmortemWriter.markdown(c, null, T0.plusSeconds(700));
    assertThat(md).startsWith("# Postmortem: INC-7 — checkout 500s");
    for (String section : List.of("## Summary", "## Impact", "## Timeline", "## Detection", "## Trigger",
        "## Root cause", "## Mitigation", "## What went well", "## What went badly", "## Action items")) {
      assertThat(md).contains(section);
    }
    assertThat(md).contains("## Trigger\n\ndeploy payments 2.31.0\n", "## Root cause\n\nQR builder drops the merchant city\n",
        "measured effect: **no measurable effect**", "evidence snapshot inc-7-s3 taken before it",
        "no status update was published");
    assertThat(md.indexOf("## Trigger")).isLessThan(md.indexOf("## Root cause"));
  }
}
