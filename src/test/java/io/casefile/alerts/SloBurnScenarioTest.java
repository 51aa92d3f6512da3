package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.demo.GroundTruth;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.incident.EntryBody;
import io.casefile.investigation.Investigation;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Casefile's own SLO alert on the demo's scenarios: the evaluation is stepped every 30 s through the
 * simulated time (the server's clock stands at the end of the data), with the default objective
 * (99.9% availability on every entry flow).
 */
class SloBurnScenarioTest {
  static final Instant START = Instant.parse("2026-11-27T20:00:00Z");

  record Run(GroundTruth truth, List<SloMonitor.Transition> transitions, CasefileServer server) {}

  static Run run(Scenario s, Duration baseline) throws IOException {
    var options = new SimulationOptions(7, START, baseline, Duration.ofMinutes(6), 6);
    var server = CasefileServer.start(ServerConfig.ephemeral(null).withRetention(null)
        .withClock(InstantSource.fixed(options.end())), AlertSettings.DEFAULTS.withEvaluationInterval(null));
    GroundTruth truth;
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null, 4)) {
      truth = ShopSimulation.run(s, options, replayer);
    }
    List<SloMonitor.Transition> all = new ArrayList<>();
    for (Instant t = START.plusSeconds(30); !t.isAfter(options.end()); t = t.plusSeconds(30)) {
      all.addAll(server.slos().evaluate(t));
    }
    return new Run(truth, all, server);
  }

  @Test
  void theBadDeployBurnFiresWithinTwoMinutesOfTheOnsetAndOpensTheInvestigatedIncident() throws IOException {
    Run r = run(Scenario.BAD_DEPLOY, Duration.ofMinutes(30));
    try (var server = r.server()) {
      var fired = r.transitions().stream().filter(SloMonitor.Transition::fired).toList();
      assertThat(fired).as("SLO alerts: %s", r.transitions()).isNotEmpty();
      var first = fired.getFirst();
      assertThat(first.at()).as("quiet for the 30-minute baseline, then fast")
          .isAfterOrEqualTo(r.truth().onset()).isBeforeOrEqualTo(r.truth().onset().plus(Duration.ofMinutes(2)));
      assertThat(first.slo().flow().toString()).isEqualTo("frontend:POST /checkout");
      assertThat(first.outcome().opened()).isTrue();
      String id = first.outcome().incidentId();
      Investigation inv = server.incidents().investigation(id).orElseThrow();
      assertThat(inv.suspects()).isNotEmpty();
      assertThat(inv.suspects().getFirst().change().id()).isEqualTo(r.truth().causalChangeId());
      assertThat(server.incidents().get(id).bodies(EntryBody.Fact.class))
          .anySatisfy(f -> assertThat(f.statement()).startsWith("trigger: slo alert SloBurnRate"));
      // the evaluation keeps firing into the same group: one incident
      assertThat(server.incidents().list()).hasSize(1);
      // a restarted monitor reads the firing alert back from the database and repeats nothing
      var restarted = new SloMonitor(server.store(), server.alerts(), AlertSettings.DEFAULTS);
      int entries = server.incidents().get(id).entries().size();
      assertThat(restarted.evaluate(r.truth().dataEnd())).isEmpty();
      assertThat(server.incidents().get(id).entries()).hasSize(entries);
    }
  }

  @Test
  void nothingFiresOnTheRedHerringDeployOrTheQuietBaseline() throws IOException {
    Run r = run(Scenario.RED_HERRING, Duration.ofMinutes(15));
    try (var server = r.server()) {
      Instant deploy = r.truth().onset().minus(Duration.ofMinutes(2));
      // the loud frontend deploy (and its minute of slow JIT warm-up) and the baseline before it fire nothing
      assertThat(r.transitions()).allSatisfy(t -> assertThat(t.at()).isAfter(r.truth().onset()));
      assertThat(deploy).isAfter(START);
      // the PayPal outage that starts two minutes later is real: it burns the checkout budget, and the
      // investigation of the incident it opens does not blame the deploy
      var fired = r.transitions().stream().filter(SloMonitor.Transition::fired).findFirst();
      fired.ifPresent(f -> {
        Investigation inv = server.incidents().investigation(f.outcome().incidentId()).orElseThrow();
        assertThat(inv.suspects().stream().filter(s -> s.confidence().wireName().equals("strong"))
            .map(s -> s.change().service())).doesNotContain("frontend");
      });
    }
  }
}
