package io.casefile.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.demo.Scenario;
import io.casefile.demo.SimulationOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every demo scenario, simulated small, replayed into a server and investigated. */
class ScenarioInvestigationTest {
  static final SimulationOptions SMALL = new SimulationOptions(7, Instant.parse("2026-03-01T12:00:00Z"),
      Duration.ofMinutes(12), Duration.ofMinutes(8), 6);

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void findsOnsetCohortCauseAndOrigin(Scenario scenario) throws Exception {
    ScenarioCase c = ScenarioCase.simulate(scenario, SMALL);
    String report = io.casefile.investigation.InvestigationReport.render(c.investigation());
    System.out.println(scenario + "\n" + report);
    assertThat(c.investigation().anomaly()).as(report).isTrue();
    assertThat(c.onsetErrorBuckets(Duration.ofSeconds(10))).as(report).isLessThanOrEqualTo(1.0);
    assertThat(c.predictedCohorts()).as(report).isEqualTo(c.trueCohorts());
    if (c.truth().causalChangeId() == null) {
      assertThat(c.investigation().unexplained()).as(report).isTrue();
      assertThat(c.wrongChangeFirst()).as(report).isFalse();
    } else {
      assertThat(c.causalRank()).as(report).isEqualTo(1);
      assertThat(c.investigation().unexplained()).as(report).isFalse();
    }
    assertThat(c.originMatches()).as(report).isTrue();
    assertThat(c.rootCauseFirst()).as(report + "\nroot causes: " + c.investigation().rootCauses()).isTrue();
    assertThat(c.logTemplateReported()).as(report + "\nexpected log template: " + c.truth().logTemplate()).isTrue();
  }

  /**
   * The demo's own sizes (60 min baseline, 15 min incident, 6 requests/s) and a start off the
   * bucket grid, as the demo's start (now) is: a derived traffic suspect must not beat the
   * recorded shift.
   */
  @org.junit.jupiter.api.Test
  void trafficSurgeAtTheDemosSizes() throws Exception {
    var demo = new SimulationOptions(SimulationOptions.DEFAULT_SEED, Instant.parse("2026-03-01T12:00:07.310Z"),
        SimulationOptions.DEFAULT_BASELINE, SimulationOptions.DEFAULT_INCIDENT, SimulationOptions.DEFAULT_RATE);
    ScenarioCase c = ScenarioCase.simulate(Scenario.TRAFFIC_SURGE, demo);
    String report = io.casefile.investigation.InvestigationReport.render(c.investigation());
    assertThat(c.causalRank()).as(report).isEqualTo(1);
    assertThat(c.investigation().unexplained()).as(report).isFalse();
    assertThat(c.predictedCohorts()).as(report).isEqualTo(c.trueCohorts());
  }
}
