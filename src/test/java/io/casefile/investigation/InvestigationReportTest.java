package io.casefile.investigation;

import io.casefile.model.Severity;
import io.casefile.model.Confidence;
import io.casefile.model.Onset;
import io.casefile.model.Reason;
import io.casefile.model.Suspect;
import io.casefile.model.SignalSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal report reads as a responder needs it: each fact once, in plain units. */
class InvestigationReportTest {
  static final Instant ONSET = Instant.parse("2026-12-05T23:15:21Z");

  static Investigation investigation() {
    Flow flow = new Flow("shop", "POST /api/orders");
    var question = new Question(flow, SignalSpec.ERRORS, ONSET.minusSeconds(3600), ONSET.plusSeconds(600));
    var observed = new Window(ONSET, ONSET.plusSeconds(600), 6000, 1500, 0.25, "ratio");
    var baseline = new Window(ONSET.minusSeconds(3600), ONSET, 36000, 36, 0.001, "ratio");
    var signature = List.of(new SignatureEntry("status_code", "500", 1200, 30, false, "e2"),
        new SignatureEntry("status_code", "502", 300, 6, false, "e3"),
        new SignatureEntry("exception.type", "PricingTimeout", 1500, 0, true, "e4"));
    var symptom = new Symptom(flow, new Onset(ONSET, ONSET.minusSeconds(10), ONSET.plusSeconds(10)), observed, baseline,
        null, signature, List.of(new Cohort(Map.of("tenant.id", "acme"), 0.97, 1500, 1450, 0.96, 0.001, "e5")),
        new Severity("SEV2", 1500, 150, 0.25, null, 250, 0.999, "e6"), "e1");
    String summary = "request rate of shop:POST /api/orders rose 4.2x (40/min -> 168/min)";
    var traffic = new ChangeEvent("derived-traffic-1", ChangeType.TRAFFIC, ONSET.minusSeconds(5), "shop", summary,
        null, null, null, null, Map.of(), null, null, ChangeEvent.SOURCE_DERIVED);
    var suspects = List.of(new Suspect(traffic, 0.6, Confidence.MODERATE,
        List.of(new Reason("time", "5 s before onset"), new Reason("derived", "derived from telemetry: " + summary)),
        List.of()));
    return new Investigation(question, true, symptom, suspects, false, List.of(), List.of(), List.of());
  }

  @Test
  void statusCodesAreListedTogetherAndTheErrorTypeBesideThem() {
    assertThat(InvestigationReport.render(investigation())).contains("HTTP 500/502 (PricingTimeout)")
        .doesNotContain("HTTP 500 (502)");
  }

  @Test
  void aDerivedSuspectsTextIsPrintedOnce() {
    String report = InvestigationReport.render(investigation());
    String summary = "rose 4.2x (40/min -> 168/min)";
    assertThat(report.indexOf(summary)).isEqualTo(report.lastIndexOf(summary)).isPositive();
  }

  @Test
  void anObjectiveOf999IsNotRoundedTo100() {
    assertThat(Text.percent(0.999)).isEqualTo("99.9%");
    assertThat(Text.percent(0.9999)).isEqualTo("99.99%");
    assertThat(Text.percent(0.25)).isEqualTo("25%");
  }

  @Test
  void theCohortValueIsShownPlain() {
    assertThat(InvestigationReport.render(investigation())).contains("for whom: tenant.id=acme (97% of excess");
  }
}
