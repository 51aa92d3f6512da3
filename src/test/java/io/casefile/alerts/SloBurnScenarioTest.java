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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Casefile's own SLO alert on the demo's scenarios: the evaluation is stepped every 10 s (the
 * server's interval) through the simulated time (the server's clock stands at the end of the data),
 * with the default objective (99.9% availability on every entry flow). Fixed start instants: the
 * shop's traffic follows the time of day, so bad-deploy runs at night (its checkout then sees about
 * half the afternoon's traffic) and in the afternoon.
 */
class SloBurnScenarioTest {
  static final Instant EVENING = Instant.parse("2026-11-27T20:00:00Z");

  record Run(GroundTruth truth, List<SloMonitor.Transition> transitions, CasefileServer server) {}

  static Run run(Scenario s, Instant start, Duration baseline) throws IOException {
    var options = new SimulationOptions(7, start, baseline, Duration.ofMinutes(6), 6);
    var server = CasefileServer.start(ServerConfig.ephemeral(null).withRetention(null)
        .withClock(InstantSource.fixed(options.end())), AlertSettings.DEFAULTS.withEvaluationInterval(null));
    GroundTruth truth;
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null, 4)) {
      truth = ShopSimulation.run(s, options, replayer);
    }
    List<SloMonitor.Transition> all = new ArrayList<>();
    Duration step = AlertSettings.DEFAULT_INTERVAL;
    for (Instant t = start.plus(step); !t.isAfter(options.end()); t = t.plus(step)) {
      all.addAll(server.slos().evaluate(t));
    }
    return new Run(truth, all, server);
  }

  @ParameterizedTest(name = "data from {0}")
  @ValueSource(strings = {"2026-11-27T03:00:00Z", "2026-11-27T15:00:00Z"})
  void theBadDeployBurnFiresWithinTwoMinutesOfTheOnsetAtNightAndByDay(String start) throws IOException {
    Run r = run(Scenario.BAD_DEPLOY, Instant.parse(start), Duration.ofMinutes(30));
    try (var server = r.server()) {
      var fired = r.transitions().stream().filter(SloMonitor.Transition::fired).toList();
      assertThat(fired).as("SLO alerts: %s", r.transitions()).isNotEmpty();
      var first = fired.getFirst();
      assertThat(first.at()).as("quiet for the 30-minute baseline, then within 2 minutes: %s",
              first.verdict().describe())
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
  void nothingFiresOnTheRedHerringDeployAndTheOutageAlertNamesPayPalNotTheDeploy() throws IOException {
    Run r = run(Scenario.RED_HERRING, EVENING, Duration.ofMinutes(15));
    try (var server = r.server()) {
      Instant outage = r.truth().onset();
      assertThat(outage.minus(Duration.ofMinutes(2))).isAfter(EVENING.plus(Duration.ofMinutes(10)));
      // the quiet baseline, the loud frontend deploy and its minute of slow JIT warm-up fire nothing
      assertThat(r.transitions()).as("SLO transitions").allSatisfy(t -> assertThat(t.at()).isAfter(outage));
      // the PayPal outage two minutes later is real (about 11% of checkouts fail): it burns the checkout budget
      var fired = r.transitions().stream().filter(SloMonitor.Transition::fired).findFirst().orElseThrow();
      assertThat(fired.slo().flow().toString()).isEqualTo("frontend:POST /checkout");
      Investigation inv = server.incidents().investigation(fired.outcome().incidentId()).orElseThrow();
      String found = String.format(Locale.ROOT, "suspects %s, cohorts %s, signals %s", inv.suspects().stream()
          .map(s -> s.change().id() + " " + s.confidence().wireName()).toList(), inv.symptom().cohorts(),
          inv.signals().stream().map(s -> s.kind() + " " + s.service() + " " + s.peer()).toList());
      // the incident it opens does not put the deploy first, and its findings name PayPal
      if (!inv.suspects().isEmpty()) {
        assertThat(inv.suspects().getFirst().change().service()).as(found).isNotEqualTo("frontend");
      }
      assertThat(inv.symptom().cohorts()).as(found).isNotEmpty();
      assertThat(inv.symptom().cohorts().getFirst().attributes()).as(found).containsValue("paypal");
    }
  }
}
