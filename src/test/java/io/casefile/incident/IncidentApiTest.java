package io.casefile.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The incident API over a real in-process server: the happy path and bad input to every endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentApiTest {
  static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");
  static final Instant ONSET = T0.plusSeconds(600);
  static final Instant ROLLBACK = T0.plusSeconds(1200);

  @TempDir Path dir;
  CasefileServer server;
  TestClock clock;
  Http http;

  @BeforeAll
  void start() throws Exception {
    clock = new TestClock(ONSET.plusSeconds(300));
    server = CasefileServer.start(ServerConfig.ephemeral(dir).withClock(clock));
    try (Connection c = server.store().connection()) {
      SpanFixture.create(c);
      SpanFixture.requests(c, T0, ONSET, 5);
      SpanFixture.requests(c, ONSET, ROLLBACK.plusSeconds(30), 700);
      SpanFixture.requests(c, ROLLBACK.plusSeconds(30), ROLLBACK.plusSeconds(900), 5);
    }
    http = new Http(server.apiUri());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  String open() {
    var r = http.post("/api/v1/incidents", """
        {"title": "checkout 500s", "severity": "SEV2", "commander": "ana", "author": "ana",
         "symptom": {"flow": "checkout:POST /checkout", "cohort": {"payment_method": "pix"}, "onset": "2026-01-01T14:10:00Z"}}""");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  @Test
  void oneChangeAtATimeMeasuredEffectAndResolutionOverHttp() {
    String id = open();
    clock.set(ROLLBACK);
    var rollback = http.post("/api/v1/incidents/" + id + "/entries", """
        {"type": "action", "kind": "mitigation", "summary": "roll back payments 2.31.0 -> 2.30.4",
         "expected_effect": "pix errors stop", "observation_window": "PT5M", "author": "ana"}""");
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
    assertThat(rollback.json().at("/entry/snapshot_id").asText()).startsWith(id.toLowerCase() + "-s");

    clock.advance(Duration.ofSeconds(30));
    var second = http.post("/api/v1/incidents/" + id + "/entries", """
        {"type": "action", "kind": "mitigation", "summary": "turn off new-pix-flow", "author": "bo"}""");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("overlapping_change");
    assertThat(second.errorMessage()).contains("roll back payments");

    var forced = http.post("/api/v1/incidents/" + id + "/entries", """
        {"type": "action", "kind": "mitigation", "summary": "turn off new-pix-flow", "author": "bo",
         "force": true, "reason": "rollback is slow"}""");
    assertThat(forced.status()).as(forced.body()).isEqualTo(201);

    clock.advance(Duration.ofMinutes(6));
    var show = http.get("/api/v1/incidents/" + id);
    assertThat(show.status()).isEqualTo(200);
    var actions = show.json().get("actions");
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0).get("confounded").asBoolean()).isTrue();
    assertThat(actions.get(1).get("confounded").asBoolean()).isTrue();
    assertThat(actions.get(0).get("verdict").asText()).isEqualTo("confounded");
    assertThat(actions.get(0).at("/window/length").asText()).isEqualTo("PT5M");
    assertThat(actions.get(0).at("/effect/measurement/treated_before/requests").asLong()).isPositive();

    var resolve = http.post("/api/v1/incidents/" + id + "/status", "{\"status\": \"resolved\"}");
    assertThat(resolve.status()).isEqualTo(409);
    assertThat(resolve.errorCode()).isEqualTo("root_cause_required");

    assertThat(http.post("/api/v1/incidents/" + id + "/entries", """
        {"type": "root_cause", "statement": "pix client timeout lowered to 50 ms in 2.31.0",
         "trigger": "deploy payments 2.31.0"}""").status()).isEqualTo(201);
    assertThat(http.post("/api/v1/incidents/" + id + "/status", "{\"status\": \"resolved\"}").status()).isEqualTo(200);
    assertThat(http.get("/api/v1/incidents/" + id).json().get("status").asText()).isEqualTo("resolved");

    var md = http.get("/api/v1/incidents/" + id + "/postmortem.md");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.body()).contains("## Trigger\n\ndeploy payments 2.31.0", "## Root cause\n\npix client timeout",
        "## Mitigation", "confounded");

    var list = http.get("/api/v1/incidents");
    assertThat(list.json().get("incidents").findValuesAsText("id")).contains(id);
  }

  @Test
  void draftPublishAndSnapshotEndpoints() {
    String id = open();
    var draft = http.get("/api/v1/incidents/" + id + "/updates/draft");
    assertThat(draft.status()).isEqualTo(200);
    assertThat(draft.json().get("status").asText()).isEqualTo("investigating");
    assertThat(draft.json().get("next_update_at").asText()).isNotBlank();
    var published = http.post("/api/v1/incidents/" + id + "/updates", "{\"author\": \"ana\", \"idempotency_key\": \"u-1\"}");
    assertThat(published.status()).as(published.body()).isEqualTo(201);
    var again = http.post("/api/v1/incidents/" + id + "/updates", "{\"author\": \"ana\", \"idempotency_key\": \"u-1\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    var snap = http.post("/api/v1/incidents/" + id + "/snapshots", "");
    assertThat(snap.status()).as(snap.body()).isEqualTo(201);
    String sid = snap.json().at("/entry/snapshot_id").asText();
    var manifest = http.get("/api/v1/incidents/" + id + "/snapshots/" + sid);
    assertThat(manifest.json().get("intact").asBoolean()).isTrue();
    assertThat(manifest.json().at("/manifest/files/0/sha256").asText()).hasSize(64);
    var rerun = http.post("/api/v1/incidents/" + id + "/snapshots/" + sid + "/investigation", """
        {"flow": "checkout:POST /checkout", "signal": "errors", "from": "%s", "to": "%s"}"""
        .formatted(T0, clock.instant()));
    assertThat(rerun.status()).as(rerun.body()).isEqualTo(200);
    assertThat(rerun.json().get("anomaly").asBoolean()).isTrue();
    assertThat(rerun.json().at("/symptom/cohorts/0/attributes/payment_method").asText()).isEqualTo("pix");
    var bad = http.post("/api/v1/incidents/" + id + "/snapshots/" + sid + "/investigation", "{\"from\": \"yesterday\"}");
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
  }

  @Test
  void badInputToEveryEndpointGetsAClearError() {
    String id = open();
    String e = "/api/v1/incidents/" + id + "/entries";
    expect(http.get("/api/v1/incidents/INC-999"), 404, "not_found", "INC-999");
    expect(http.get("/api/v1/incidents/INC-999/postmortem.md"), 404, "not_found", "INC-999");
    expect(http.get("/api/v1/incidents/INC-999/updates/draft"), 404, "not_found", "INC-999");
    expect(http.post("/api/v1/incidents/INC-999/entries", "{\"type\":\"note\",\"text\":\"x\"}"), 404, "not_found", "INC-999");
    expect(http.post("/api/v1/incidents/INC-999/status", "{\"status\":\"mitigated\"}"), 404, "not_found", "INC-999");
    expect(http.post("/api/v1/incidents/INC-999/updates", ""), 404, "not_found", "INC-999");
    expect(http.post("/api/v1/incidents/INC-999/snapshots", ""), 404, "not_found", "INC-999");
    expect(http.post("/api/v1/incidents", "{\"title\": "), 400, "malformed_json", "not valid JSON");
    expect(http.post("/api/v1/incidents", "[1]"), 400, "malformed_json", "JSON object");
    expect(http.post("/api/v1/incidents", "{\"severity\": \"SEV2\"}"), 400, "bad_request", "title");
    expect(http.post("/api/v1/incidents", "{\"title\": \"x\"}"), 400, "bad_request", "severity");
    expect(http.post("/api/v1/incidents", "{\"title\": \"x\", \"severity\": \"SEV9\"}"), 400, "bad_request", "SEV1");
    expect(http.post("/api/v1/incidents", "{\"title\": \"x\", \"severity\": \"SEV2\", \"sevrity\": 1}"), 400,
        "bad_request", "unknown field 'sevrity'");
    expect(http.post("/api/v1/incidents", "{\"title\": 5, \"severity\": \"SEV2\"}"), 400, "bad_request", "must be a string");
    expect(http.post("/api/v1/incidents", "{\"title\": \"x\", \"severity\": \"SEV2\", \"symptom\": {\"flow\": \"nocolon\"}}"),
        400, "bad_request", "SERVICE:OPERATION");
    expect(http.post("/api/v1/incidents", "{\"title\": \"x\", \"severity\": \"SEV2\", \"investigation\": {\"flow\": \"a:b\"}}"),
        400, "bad_request", "investigation");
    expect(http.post("/api/v1/incidents", "{\"title\": \"x\"}", "text/plain"), 415, "unsupported_media_type", "application/json");
    expect(http.post(e, "{}"), 400, "bad_request", "missing field 'type'");
    expect(http.post(e, "{\"type\": \"gossip\"}"), 400, "bad_request", "entry type must be one of");
    expect(http.post(e, "{\"type\": \"action\", \"summary\": \"x\"}"), 400, "bad_request", "missing field 'kind'");
    expect(http.post(e, "{\"type\": \"action\", \"kind\": \"magic\", \"summary\": \"x\"}"), 400, "bad_request", "action kind");
    expect(http.post(e, "{\"type\": \"action\", \"kind\": \"mitigation\"}"), 400, "bad_request", "missing field 'summary'");
    expect(http.post(e, "{\"type\": \"action\", \"kind\": \"mitigation\", \"summary\": \"x\", \"observation_window\": \"5 minutes\"}"),
        400, "bad_request", "PT5M");
    expect(http.post(e, "{\"type\": \"action\", \"kind\": \"mitigation\", \"summary\": \"x\", \"observation_window\": \"-PT5M\"}"),
        400, "bad_request", "positive");
    expect(http.post(e, "{\"type\": \"action\", \"kind\": \"diagnostic\", \"summary\": \"x\", \"force\": \"yes\"}"),
        400, "bad_request", "true or false");
    expect(http.post(e, "{\"type\": \"hypothesis\", \"statement\": \"x\", \"status\": \"maybe\"}"), 400, "bad_request", "open|supported");
    expect(http.post(e, "{\"type\": \"hypothesis\", \"statement\": \"x\", \"revises\": 99}"), 409, "unknown_entry", "not a hypothesis");
    expect(http.post(e, "{\"type\": \"root_cause\", \"unknown\": true, \"reason\": \"logs gone\"}"), 400, "bad_request", "follow_up");
    expect(http.post(e, "{\"type\": \"note\"}"), 400, "bad_request", "missing field 'text'");
    expect(http.post(e, "{\"type\": \"fact\", \"statement\": \"x\", \"numbers\": {\"a\": \"b\"}}"), 400, "bad_request", "numbers.a");
    expect(http.post(e, "{\"type\": \"status_update\", \"text\": \"x\"}"), 400, "bad_request", "/updates");
    expect(http.post(e, "{\"type\": \"effect\"}"), 400, "bad_request", "measured by Casefile");
    String s = "/api/v1/incidents/" + id + "/status";
    expect(http.post(s, "{}"), 400, "bad_request", "missing field 'status'");
    expect(http.post(s, "{\"status\": \"fixed\"}"), 400, "bad_request", "investigating|identified");
    expect(http.post(s, "{\"status\": \"investigating\"}"), 409, "invalid_transition", "already investigating");
    expect(http.post(s, "{\"status\": \"resolved\"}"), 409, "root_cause_required", "root cause");
    expect(http.post("/api/v1/incidents/" + id + "/updates", "{\"txt\": \"x\"}"), 400, "bad_request", "unknown field 'txt'");
    expect(http.post("/api/v1/incidents/" + id + "/snapshots", "{\"reason\": 3}"), 400, "bad_request", "must be a string");
    expect(http.get("/api/v1/incidents/" + id + "/snapshots/nope"), 404, "not_found", "nope");
    expect(http.get("/api/v1/incidents/" + id + "/containment"), 409, "no_investigation", "investigation");
    expect(http.post("/api/v1/webhooks", "{\"url\": \"ftp://x\"}"), 400, "bad_request", "http(s)");
    expect(http.post("/api/v1/webhooks", "{\"url\": \"http://127.0.0.1:1/x\", \"format\": \"teams\"}"), 400, "bad_request", "slack or json");
  }

  private static void expect(Http.Response r, int status, String code, String messagePart) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
    assertThat(r.errorMessage()).as(r.body()).contains(messagePart);
  }
}
