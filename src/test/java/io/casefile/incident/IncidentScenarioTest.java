package io.casefile.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.demo.GroundTruth;
import io.casefile.demo.Payload;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ScenarioSink;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.investigation.InvestigationEngine;
import io.casefile.investigation.Question;
import io.casefile.model.SignalSpec;
import io.casefile.model.ChangeEvent;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The casefile end to end on the demo's scenarios, replayed as OTLP into a real server: open from
 * the investigation, snapshot before the rollback, the rollback measured, one change at a time,
 * no resolution without a root cause, and the postmortem.
 */
class IncidentScenarioTest {
  static final Instant START = Instant.parse("2026-03-02T12:00:00Z");
  static final Duration BASELINE = Duration.ofMinutes(15);
  static final Duration INCIDENT = Duration.ofMinutes(8);
  static final double RATE = 6;

  @TempDir Path dir;

  /** A server holding the scenario's data, the clock at its end. */
  record Replayed(CasefileServer server, TestClock clock, GroundTruth truth, Http http) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }

  Replayed replay(Scenario scenario) throws IOException {
    var options = new SimulationOptions(7, START, BASELINE, INCIDENT, RATE);
    TestClock clock = new TestClock(options.end());
    CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir).withClock(clock));
    var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null);
    GroundTruth truth = ShopSimulation.run(scenario, options, replayer);
    return new Replayed(server, clock, truth, new Http(server.apiUri()));
  }

  /**
   * After the rollback the shop behaves as it did before the bad change: replay the healthy
   * baseline of a fresh run (another seed, started five minutes earlier so its sessions have warmed
   * up) from {@code from} on, without its changes.
   */
  static void healthyShop(Replayed r, Scenario scenario, Instant from, Duration length) throws IOException {
    var replayer = new ScenarioReplayer(r.server().otlpUri(), r.server().apiUri(), null);
    var options = new SimulationOptions(8, from.minus(Duration.ofMinutes(5)), Duration.ofMinutes(12),
        Duration.ofMinutes(6), RATE);
    ShopSimulation.run(scenario, options, new ScenarioSink() {
      @Override
      public void change(ChangeEvent change) {
        // the healthy shop's own changes are not part of this story
      }

      @Override
      public void payload(Payload p) throws IOException {
        if (p.time().isAfter(from) && !p.time().isAfter(from.plus(length))) {
          replayer.payload(p);
        }
      }
    });
    // only now has the telemetry of the observation window arrived
    r.clock().set(from.plus(length));
  }

  String openFromInvestigation(Replayed r) {
    var flow = r.truth().affectedFlows().stream().filter(f -> f.service().equals("checkout")).findFirst().orElseThrow();
    var open = r.http().post("/api/v1/incidents", """
        {"title": "checkout failing", "commander": "ana", "author": "ana",
         "investigation": {"flow": "%s", "signal": "errors", "from": "%s", "to": "%s"}}"""
        .formatted(flow, START, r.clock().instant()));
    assertThat(open.status()).as(open.body()).isEqualTo(201);
    JsonNode c = open.json();
    assertThat(c.get("entries").findValuesAsText("type")).contains("fact", "hypothesis");
    return c.get("id").asText();
  }

  @Test
  void badDeployRollbackIsSnapshottedFirstAndMeasuredAsHelped() throws Exception {
    try (Replayed r = replay(Scenario.BAD_DEPLOY)) {
      String id = openFromInvestigation(r);
      JsonNode incident = r.http().get("/api/v1/incidents/" + id).json();
      assertThat(incident.get("severity").asText()).startsWith("SEV");
      assertThat(incident.at("/symptom/cohort/payment_method").asText()).isEqualTo("pix");
      JsonNode advice = r.http().get("/api/v1/incidents/" + id + "/containment").json();
      assertThat(advice.get("active").asBoolean()).isTrue();
      assertThat(advice.get("projected_failed_next10m").asLong()).isPositive();
      assertThat(advice.get("candidates").get(0).get("action").asText()).contains("roll back payments");

      Instant rollbackAt = r.clock().instant();
      var rollback = r.http().post("/api/v1/incidents/" + id + "/entries", """
          {"type": "action", "kind": "mitigation", "summary": "roll back payments 2.31.0 -> 2.30.4",
           "target": "payments", "expected_effect": "pix checkouts stop failing", "observation_window": "PT5M",
           "author": "ana"}""");
      assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
      long actionSeq = rollback.json().at("/entry/seq").asLong();
      String snapshotId = rollback.json().at("/entry/snapshot_id").asText();
      JsonNode before = r.http().get("/api/v1/incidents/" + id).json().get("entries").get((int) actionSeq - 2);
      assertThat(before.get("type").asText()).isEqualTo("snapshot");
      assertThat(before.get("snapshot_id").asText()).isEqualTo(snapshotId);
      assertThat(before.get("reason").asText()).startsWith("automatic, before mitigation");
      assertThat(before.at("/rows/spans").asLong()).isPositive();

      healthyShop(r, Scenario.BAD_DEPLOY, rollbackAt, Duration.ofMinutes(6));
      JsonNode action = r.http().get("/api/v1/incidents/" + id).json().get("actions").get(0);
      assertThat(action.get("state").asText()).isEqualTo("measured");
      System.out.println("bad-deploy rollback effect: " + action.at("/effect/explanation").asText());
      assertThat(action.get("verdict").asText()).as(action.toString()).isEqualTo("helped");
      assertThat(action.get("confounded").asBoolean()).isFalse();
      JsonNode m = action.at("/effect/measurement");
      assertThat(m.at("/treated_before/rate").asDouble()).isGreaterThan(0.3);
      assertThat(m.at("/treated_after/rate").asDouble()).isLessThan(0.05);
      assertThat(m.get("difference_in_differences").asBoolean()).isTrue();
      assertThat(m.get("z").asDouble()).isLessThan(-3);
      assertThat(action.at("/effect/explanation").asText()).contains("->", "control");

      // the evidence of the incident window outlives the live data, and re-investigates the same
      try (var frozen = r.server().incidents().snapshots().open(snapshotId)) {
        var q = new Question(io.casefile.model.Flow.parse("checkout:POST /checkout"), SignalSpec.ERRORS, START, rollbackAt);
        var again = frozen.withReader(reader -> new InvestigationEngine(reader, InvestigationEngine.Settings.DEFAULTS)
            .investigate(q));
        assertThat(again.anomaly()).isTrue();
        assertThat(again.suspects()).isNotEmpty();
        assertThat(again.suspects().get(0).change().id()).isEqualTo(r.truth().causalChangeId());
      }

      resolveAndWritePostmortem(r, id, "deploy payments 2.31.0",
          "the PIX QR payload builder in 2.31.0 omits the merchant city", "helped");
    }
  }

  @Test
  void twoChangesOverlappingMitigationIsRefusedThenForcedAndConfounded() throws Exception {
    try (Replayed r = replay(Scenario.TWO_CHANGES)) {
      String id = openFromInvestigation(r);
      Instant rollbackAt = r.clock().instant();
      assertThat(r.http().post("/api/v1/incidents/" + id + "/entries", """
          {"type": "action", "kind": "mitigation", "summary": "roll back inventory 4.2.0 -> 4.1.3", "author": "ana"}""")
          .status()).isEqualTo(201);
      r.clock().advance(Duration.ofSeconds(40));
      var refused = r.http().post("/api/v1/incidents/" + id + "/entries", """
          {"type": "action", "kind": "mitigation", "summary": "ramp one-click-checkout back to 10%", "author": "bo"}""");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("overlapping_change");
      var forced = r.http().post("/api/v1/incidents/" + id + "/entries", """
          {"type": "action", "kind": "mitigation", "summary": "ramp one-click-checkout back to 10%", "author": "bo",
           "force": true, "reason": "android checkouts still failing"}""");
      assertThat(forced.status()).as(forced.body()).isEqualTo(201);
      assertThat(forced.json().at("/entry/confounds/0").asLong()).isPositive();

      healthyShop(r, Scenario.TWO_CHANGES, rollbackAt, Duration.ofMinutes(7));
      JsonNode actions = r.http().get("/api/v1/incidents/" + id).json().get("actions");
      List<String> verdicts = new ArrayList<>();
      for (JsonNode a : actions) {
        assertThat(a.get("confounded").asBoolean()).isTrue();
        verdicts.add(a.get("verdict").asText());
        assertThat(a.at("/effect/measurement/treated_before/requests").asLong()).isPositive();
      }
      assertThat(verdicts).containsExactly("confounded", "confounded");
      String md = resolveAndWritePostmortem(r, id, "deploy inventory 4.2.0",
          "inventory 4.2.0 rejects cart schema v3 from Android clients", "confounded");
      assertThat(md).contains("overlapped");
    }
  }

  String resolveAndWritePostmortem(Replayed r, String id, String trigger, String rootCause, String verdict) {
    assertThat(r.http().post("/api/v1/incidents/" + id + "/status", "{\"status\": \"mitigated\"}").status()).isEqualTo(200);
    var refused = r.http().post("/api/v1/incidents/" + id + "/status", "{\"status\": \"resolved\"}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("root_cause_required");
    assertThat(r.http().post("/api/v1/incidents/" + id + "/entries", """
        {"type": "root_cause", "statement": "%s", "trigger": "%s", "author": "ana"}""".formatted(rootCause, trigger))
        .status()).isEqualTo(201);
    assertThat(r.http().post("/api/v1/incidents/" + id + "/status", "{\"status\": \"resolved\"}").status()).isEqualTo(200);
    String md = r.http().get("/api/v1/incidents/" + id + "/postmortem.md").body();
    int trig = md.indexOf("## Trigger");
    int root = md.indexOf("## Root cause");
    int mit = md.indexOf("## Mitigation");
    assertThat(trig).isPositive();
    assertThat(root).isGreaterThan(trig);
    assertThat(mit).isGreaterThan(root);
    assertThat(md.substring(trig, root)).contains(trigger).doesNotContain(rootCause);
    assertThat(md.substring(root, mit)).contains(rootCause).doesNotContain(trigger);
    assertThat(md.substring(mit)).contains("measured effect: **" + verdict.replace('_', ' ') + "**");
    return md;
  }
}
