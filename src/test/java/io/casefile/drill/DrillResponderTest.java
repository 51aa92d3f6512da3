package io.casefile.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted responders work drills through the public HTTP API while the test drives the simulated
 * clock: a disciplined one scores high and mitigates, a panicking one scores low with each broken
 * rule named, one that rolls back the red herring sees no effect and is told so; the world reacts
 * to the right change and not to a wrong one; the same seed and steps give the same debrief.
 */
class DrillResponderTest {
  @TempDir Path dir;

  /** Scope, hypothesis, snapshot, one reversible change, update, root cause. */
  static JsonNode disciplined(DrillHarness h, String signal, String lever, String rootCause, String trigger) {
    h.advance(Duration.ofSeconds(60));
    var m = java.util.regex.Pattern.compile("\\[FIRING] (.+?) (error rate|p99 latency)").matcher(h.page);
    assertThat(m.find()).as(h.page).isTrue();
    String flow = m.group(1);
    JsonNode inv = h.investigate("{\"flow\": \"" + flow + "\", \"signal\": \"" + signal + "\", \"last\": \"15m\"}");
    assertThat(inv.get("anomaly").asBoolean()).as(inv.toString()).isTrue();
    JsonNode s = inv.get("symptom");
    ok(h.entry("{\"type\": \"fact\", \"author\": \"ana\", \"statement\": \"" + s.path("flow").path("service").asText()
        + " " + s.path("flow").path("operation").asText() + " since " + s.path("onset").path("at").asText() + "\"}"));
    String suspect = inv.get("suspects").isEmpty() ? "a failing dependency" : inv.get("suspects").get(0)
        .path("change").path("summary").asText().replace("\"", "'");
    long hypothesis = ok(h.entry("{\"type\": \"hypothesis\", \"author\": \"ana\", \"statement\": \"" + suspect
        + " caused it\"}")).path("entry").path("seq").asLong();
    h.advance(Duration.ofSeconds(60));
    ok(h.post("/api/v1/incidents/" + h.incident + "/snapshots", "{\"author\": \"ana\", \"reason\": \"before the change\"}"));
    ok(h.entry("{\"type\": \"action\", \"kind\": \"mitigation\", \"author\": \"ana\", \"summary\": \"apply " + lever
        + "\", \"lever\": \"" + lever + "\", \"expected_effect\": \"errors stop\"}"));
    ok(h.post("/api/v1/incidents/" + h.incident + "/updates", "{\"author\": \"ana\"}"));
    h.advance(Duration.ofSeconds(370));
    JsonNode incident = h.get("/api/v1/incidents/" + h.incident).json();
    String verdict = incident.path("actions").get(0).path("verdict").asText();
    ok(h.entry("{\"type\": \"hypothesis\", \"author\": \"ana\", \"statement\": \"" + suspect + " caused it; the change "
        + "measured " + verdict + "\", \"status\": \"supported\", \"revises\": " + hypothesis + "}"));
    ok(h.entry("{\"type\": \"root_cause\", \"author\": \"ana\", \"statement\": \"" + rootCause + "\", \"trigger\": \""
        + trigger + "\"}"));
    ok(h.post("/api/v1/incidents/" + h.incident + "/updates", "{\"author\": \"ana\"}"));
    h.advance(Duration.ofSeconds(30));
    return h.end();
  }

  static JsonNode ok(DrillHarness.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
    return r.json();
  }

  static Map<String, String> verdicts(JsonNode debrief) {
    Map<String, String> out = new HashMap<>();
    debrief.get("rules").forEach(r -> out.put(r.get("rule").asText(), r.get("verdict").asText()));
    return out;
  }

  /** The frontend flow's error rate from the API, as anyone could ask for it. */
  static double errorRate(DrillHarness h, String flow, Instant from, Instant to) {
    JsonNode flows = h.get("/api/v1/flows?from=" + from + "&to=" + to).json();
    for (JsonNode f : flows.path("flows")) {
      if ((f.path("service").asText() + ":" + f.path("operation").asText()).equals(flow)) {
        return f.path("error_rate").asDouble();
      }
    }
    throw new AssertionError("no flow " + flow + " in " + flows);
  }

  static JsonNode disciplinedBadDeploy(DrillHarness h) {
    String page = h.start("bad-deploy", 7);
    assertThat(page).startsWith("[FIRING] frontend:POST /checkout error rate").doesNotContain("bad-deploy");
    return disciplined(h, "errors", "rollback:payments", "the PIX QR payload builder in payments 2.31.0 drops "
        + "the merchant city", "deploy payments 2.31.0");
  }

  /** Also: the same seed and the same steps give the same debrief. */
  @Test
  void aDisciplinedResponderMitigatesABadDeployAndScoresHigh() {
    JsonNode again;
    try (var h = new DrillHarness(dir.resolve("a2"))) {
      again = disciplinedBadDeploy(h);
    }
    try (var h = new DrillHarness(dir.resolve("a"))) {
      JsonNode d = disciplinedBadDeploy(h);
      assertThat(d).isEqualTo(again);
      assertThat(d.get("scenario").asText()).isEqualTo("bad-deploy");
      assertThat(verdicts(d).values()).as(d.get("rules").toString()).containsOnly("pass");
      assertThat(d.get("score").asInt()).isGreaterThanOrEqualTo(90);
      assertThat(d.path("outcome").path("fault_stopped_at").isNull()).isFalse();
      JsonNode change = d.get("changes").get(0);
      assertThat(change.get("aimed_at_cause").asBoolean()).isTrue();
      // the world reacted: measured as helped, and the error rate is back at its baseline
      assertThat(change.get("measured").asText()).startsWith("helped");
      Instant stopped = Instant.parse(d.path("outcome").path("fault_stopped_at").asText());
      double baseline = errorRate(h, "frontend:POST /checkout", DrillHarness.ORIGIN.minusSeconds(300),
          Instant.parse(d.path("truth").path("onset").asText()));
      double after = errorRate(h, "frontend:POST /checkout", stopped, Instant.parse(d.get("ended_at").asText()));
      assertThat(after).isLessThanOrEqualTo(Math.max(2 * baseline, baseline + 0.005));
      // kept, listed, marked, and out of the real incident list
      assertThat(h.get("/api/v1/drills").json().path("responders").get(0).path("latest").asInt())
          .isEqualTo(d.get("score").asInt());
      assertThat(h.get("/api/v1/incidents").json().path("incidents")).isEmpty();
      assertThat(h.get("/api/v1/incidents?drills=only").json().path("incidents").get(0).path("drill").asBoolean())
          .isTrue();
      assertThat(h.get("/api/v1/drills/" + h.drill + "/debrief.md").body()).contains("| **pass** |", "## Timeline");
      assertThat(h.cli("drill", "report", h.drill)).contains("# Drill " + h.drill + " debrief: " + d.get("score").asInt());
      assertThat(h.cli("drill", "list")).contains(h.drill, "bad-deploy", "ana: 1 drill(s)");
      assertThat(h.cli("incident", "list", "--drills", "only")).contains(h.incident);
    }
  }

  @Test
  void aDisciplinedResponderTurnsOffTheFlagInAFlagRollout() {
    try (var h = new DrillHarness(dir.resolve("b"))) {
      String page = h.start("flag-rollout", 11);
      assertThat(page).contains("p99 latency");
      JsonNode d = disciplined(h, "latency:p99", "flag_off:recommendations-v2", "the ml-ranker variant calls the "
          + "recs-model synchronously and it cannot keep up at 50%", "flag recommendations-v2 ramped to 50%");
      assertThat(d.get("changes").get(0).get("aimed_at_cause").asBoolean()).isTrue();
      assertThat(d.path("outcome").path("fault_stopped_at").isNull()).isFalse();
      assertThat(d.get("score").asInt()).as(d.get("rules").toString()).isGreaterThanOrEqualTo(80);
    }
  }

  @Test
  void aDisciplinedResponderDisablesTheFailingProviderNotTheRedHerring() {
    try (var h = new DrillHarness(dir.resolve("c"))) {
      h.start("red-herring", 5);
      JsonNode d = disciplined(h, "errors", "disable_dependency:paypal", "PayPal's API is failing (HTTP 5xx); "
          + "nothing we changed", "provider outage");
      assertThat(d.get("changes").get(0).get("aimed_at_cause").asBoolean()).isTrue();
      assertThat(d.get("changes").get(0).get("measured").asText()).startsWith("helped");
      assertThat(d.get("score").asInt()).as(d.get("rules").toString()).isGreaterThanOrEqualTo(85);
    }
  }

  @Test
  void rollingBackTheRedHerringChangesNothingAndTheDebriefSaysSo() {
    try (var h = new DrillHarness(dir.resolve("d"))) {
      h.start("red-herring", 5);
      h.advance(Duration.ofSeconds(60));
      h.investigate("{\"signal\": \"errors\", \"last\": \"15m\"}");
      ok(h.entry("{\"type\": \"hypothesis\", \"author\": \"ana\", \"statement\": \"the frontend 3.14.0 deploy broke checkout\"}"));
      ok(h.entry("{\"type\": \"action\", \"kind\": \"mitigation\", \"author\": \"ana\", \"summary\": \"roll back frontend "
          + "3.14.0\", \"lever\": {\"kind\": \"rollback\", \"target\": \"frontend\", \"version\": \"3.13.2\"}}"));
      Instant rolledBack = h.clock.instant();
      h.advance(Duration.ofSeconds(370));
      JsonNode action = h.get("/api/v1/incidents/" + h.incident).json().path("actions").get(0);
      assertThat(action.path("lever").path("target").asText()).isEqualTo("frontend");
      assertThat(action.path("verdict").asText()).isIn("no_measurable_effect", "made_it_worse");
      double after = errorRate(h, "frontend:POST /checkout", rolledBack.plusSeconds(120), h.clock.instant());
      double baseline = errorRate(h, "frontend:POST /checkout", DrillHarness.ORIGIN.minusSeconds(300),
          DrillHarness.ORIGIN);
      assertThat(after).isGreaterThan(2 * baseline + 0.01);
      JsonNode d = h.end();
      JsonNode change = d.get("changes").get(0);
      assertThat(change.get("aimed_at_cause").asBoolean()).isFalse();
      assertThat(change.get("world").asText()).contains("the fault does not depend on it");
      assertThat(change.get("measured").asText()).doesNotStartWith("helped");
      assertThat(verdicts(d)).containsEntry("mitigation_aimed", "fail");
      assertThat(d.get("rules").toString()).contains("was not aimed at the cause");
      assertThat(d.path("outcome").path("fault_stopped_at").isNull()).isTrue();
    }
  }

  @Test
  void aPanickingResponderScoresLowWithEveryBrokenRuleNamed() {
    try (var h = new DrillHarness(dir.resolve("e"))) {
      h.start("bad-deploy", 7);
      List<String> changes = new ArrayList<>(List.of(
          "{\"summary\": \"restart frontend\", \"lever\": \"restart:frontend\"}",
          "{\"summary\": \"restart checkout\", \"lever\": \"restart:checkout\"}",
          "{\"summary\": \"restart payments\", \"lever\": \"restart:payments\"}",
          "{\"summary\": \"raise payments client timeouts to 30 s\"}",
          "{\"summary\": \"roll back payments\", \"lever\": \"rollback:payments\"}",
          "{\"summary\": \"roll back checkout\", \"lever\": \"rollback:checkout\"}"));
      boolean first = true;
      for (String c : changes) {
        String body = c.substring(0, c.length() - 1) + ", \"type\": \"action\", \"kind\": \"mitigation\", \"author\": "
            + "\"bo\"" + (first ? "" : ", \"force\": true, \"reason\": \"no time\"") + "}";
        ok(h.entry(body));
        first = false;
        h.advance(Duration.ofSeconds(10));
      }
      h.advance(Duration.ofSeconds(400));
      JsonNode d = h.end();
      Map<String, String> v = verdicts(d);
      assertThat(v).containsEntry("symptom_scoped", "fail").containsEntry("suspects_checked", "fail")
          .containsEntry("one_change_at_a_time", "fail").containsEntry("hypothesis_tested", "fail")
          .containsEntry("updates_on_cadence", "fail").containsEntry("root_cause_apart", "fail")
          .containsEntry("mitigation_aimed", "partial").containsEntry("evidence_kept", "partial");
      assertThat(d.get("score").asInt()).isLessThan(40);
      assertThat(d.get("scoring").toString()).contains("one_change_at_a_time", "fail");
      assertThat(d.get("rules").toString()).contains("overlapped another's observation window", "no status update",
          "restart(s) threw away in-memory state");
    }
  }
}
