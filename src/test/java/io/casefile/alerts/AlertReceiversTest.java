package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import io.casefile.server.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Grafana and generic receivers over HTTP, their auth, and the 400s that name a malformed field. */
class AlertReceiversTest {
  static final String ALERTS = "alerts-token-0123456789";
  static final String READ = "read-token-0123456789ab";
  static final String ADMIN = "admin-token-0123456789a";
  static final String INGEST = "ingest-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static CasefileServer server;

  /** Grafana's documented webhook body (Grafana docs, "Configure the webhook notifier for Alerting"). */
  static final String GRAFANA = """
      {
        "receiver": "My Super Webhook",
        "status": "firing",
        "orgId": 1,
        "alerts": [
          {
            "status": "firing",
            "labels": {"alertname": "High memory usage", "team": "blue", "zone": "us-1"},
            "annotations": {"description": "The system has high memory usage",
              "runbook_url": "https://myrunbook.com/runbook/1234", "summary": "This alert was triggered for zone us-1"},
            "startsAt": "2021-10-12T09:51:03.157076+02:00",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "https://play.grafana.org/alerting/1afz29v7z/edit",
            "fingerprint": "c6eadffa33fcdf37",
            "silenceURL": "https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT2%2Cteam%3Dblue%2Czone%3Dus-1",
            "dashboardURL": "",
            "panelURL": "",
            "values": {"B": 44.23943737541908, "C": 1}
          },
          {
            "status": "firing",
            "labels": {"alertname": "High CPU usage", "team": "blue", "zone": "eu-1"},
            "annotations": {"description": "The system has high CPU usage",
              "runbook_url": "https://myrunbook.com/runbook/1234", "summary": "This alert was triggered for zone eu-1"},
            "startsAt": "2021-10-12T09:56:03.157076+02:00",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "https://play.grafana.org/alerting/d1rdpdv7k/edit",
            "fingerprint": "bc97ff14869b13e3",
            "silenceURL": "https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT1%2Cteam%3Dblue%2Czone%3Deu-1",
            "dashboardURL": "",
            "panelURL": "",
            "values": {"B": 44.23943737541908, "C": 1}
          }
        ],
        "groupLabels": {},
        "commonLabels": {"team": "blue"},
        "commonAnnotations": {},
        "externalURL": "https://play.grafana.org/",
        "version": "1",
        "groupKey": "{}:{}",
        "truncatedAlerts": 0,
        "title": "[FIRING:2]  (blue)",
        "state": "alerting",
        "message": "**Firing**\\n\\nLabels:\\n - alertname = T2\\n"
      }""";

  @BeforeAll
  static void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(null)
        .withClock(InstantSource.fixed(Instant.parse("2021-10-12T08:30:00Z")))
        .withTokens(Tokens.parse(List.of(ALERTS + " alerts", READ + " read", ADMIN + " admin", INGEST + " ingest"), "test")),
        AlertSettings.DEFAULTS.withEvaluationInterval(null));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void grafanasDocumentedPayloadOpensOneIncidentForItsGroupAndARetryAddsNothing() throws Exception {
    var first = post("/api/v1/alerts/grafana", GRAFANA, ALERTS);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(first.body());
    String id = body.get("incident_id").asText();
    assertThat(body.get("added").asInt()).isEqualTo(2);
    assertThat(body.get("mapping").asText()).contains("whole-environment investigation");
    assertThat(body.get("draft").asText()).isNotBlank();

    var again = post("/api/v1/alerts/grafana", GRAFANA, ALERTS);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("duplicates").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(again.body()).get("incident_id").asText()).isEqualTo(id);
    var facts = server.incidents().get(id).bodies(io.casefile.incident.EntryBody.Fact.class);
    assertThat(facts).anySatisfy(f -> assertThat(f.statement())
        .startsWith("trigger: grafana alert High memory usage").doesNotContain("High CPU"));
    assertThat(facts).anySatisfy(f -> assertThat(f.statement()).startsWith("alert added: grafana alert High CPU usage"));
  }

  @Test
  void theGenericFormOpensAnIncidentAndTheIngestRoleMayPostIt() throws Exception {
    String alert = """
        {"group_key": "orders-latency", "labels": {"alertname": "OrdersSlow", "service": "orders"},
         "annotations": {"summary": "orders p99 above 2 s"}, "starts_at": "2021-10-12T08:10:00Z"}""";
    var r = post("/api/v1/alerts", alert, ALERTS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode q = JSON.readTree(r.body()).get("question");
    assertThat(q.get("signal").asText()).isEqualTo("latency:p99");
    assertThat(q.get("flow").isNull()).isTrue();
    assertThat(q.get("from").asText()).isEqualTo("2021-10-12T07:10:00Z");
    var retried = post("/api/v1/alerts", alert, INGEST);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(JSON.readTree(retried.body()).get("duplicates").asInt()).isEqualTo(1);
    assertThat(post("/api/v1/alerts", alert, READ).statusCode()).isEqualTo(403);
    assertThat(post("/api/v1/alerts", alert, null).statusCode()).isEqualTo(401);
  }

  @Test
  void malformedPayloadsGetA400NamingTheProblem() throws Exception {
    assertBad("/api/v1/alerts/alertmanager", "{not json", "not valid JSON");
    assertBad("/api/v1/alerts/alertmanager", "[]", "must be a JSON object");
    assertBad("/api/v1/alerts/alertmanager", "{\"version\": \"4\", \"status\": \"firing\", \"groupKey\": \"g\"}",
        "alerts is required");
    assertBad("/api/v1/alerts/alertmanager", "{\"version\": \"3\", \"status\": \"firing\", \"groupKey\": \"g\", \"alerts\": []}",
        "version 4");
    assertBad("/api/v1/alerts/alertmanager", """
        {"version": "4", "status": "firing", "groupKey": "g", "alerts": [{"status": "firing",
         "labels": {"alertname": "X"}, "startsAt": "yesterday", "fingerprint": "f"}]}""", "alerts[0].startsAt must be an RFC 3339");
    assertBad("/api/v1/alerts/alertmanager", """
        {"version": "4", "status": "firing", "groupKey": "g", "alerts": [{"status": "firing",
         "labels": {"alertname": "X"}, "startsAt": "2021-10-12T08:10:00Z"}]}""", "alerts[0].fingerprint is required");
    assertBad("/api/v1/alerts/grafana", GRAFANA.replace("\"status\": \"firing\",\n  \"orgId\"", "\"status\": \"burning\",\n  \"orgId\""),
        "status must be firing or resolved");
    assertBad("/api/v1/alerts/grafana", GRAFANA.replace("\"C\": 1}\n    },", "\"C\": \"one\"}\n    },"),
        "alerts[0].values.C must be a number");
    assertBad("/api/v1/alerts", "{\"labels\": {\"alertname\": \"X\"}}", "starts_at is required");
    assertBad("/api/v1/alerts", "{\"alerts\": [{\"labels\": [\"x\"], \"starts_at\": \"2021-10-12T08:10:00Z\"}]}",
        "alerts[0].labels must be an object");
    var wrongType = HTTP.send(HttpRequest.newBuilder(server.apiUri().resolve("/api/v1/alerts"))
        .header("Authorization", "Bearer " + ALERTS).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongType.statusCode()).isEqualTo(415);
  }

  @Test
  void sloObjectivesAreSetAndShownWithTheirBurnRatesAndBudget() throws Exception {
    var bad = put("{\"objectives\": [{\"flow\": \"checkout\", \"objective\": 0.999}]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("flow must be SERVICE:OPERATION");
    assertThat(put("{\"objectives\": [{\"flow\": \"a:b\", \"objective\": 1.5}]}").body()).contains("objective");
    var ok = put("""
        {"objectives": [{"flow": "frontend:POST /checkout", "kind": "availability", "objective": 0.999},
                        {"flow": "frontend:GET /", "kind": "latency", "objective": 0.99, "threshold_ms": 800}]}""");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    var got = HTTP.send(HttpRequest.newBuilder(server.apiUri().resolve("/api/v1/slos"))
        .header("Authorization", "Bearer " + READ).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode view = JSON.readTree(got.body());
    assertThat(view.get("configured").asBoolean()).isTrue();
    assertThat(view.get("objectives")).hasSize(2);
    JsonNode first = view.get("objectives").get(0);
    assertThat(first.get("burn_rates")).hasSize(5); // 1m, 5m, 30m, 1h, 6h
    assertThat(first.get("error_budget").get("remaining").asDouble()).isEqualTo(1.0);
    assertThat(first.get("query").asText()).contains("FROM spans");
    assertThat(put("{\"objectives\": []}").statusCode()).isEqualTo(200);
  }

  static void assertBad(String path, String body, String message) throws Exception {
    var r = post(path, body, ALERTS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode e = JSON.readTree(r.body()).get("error");
    assertThat(e.get("code").asText()).isEqualTo("bad_alert");
    assertThat(e.get("message").asText()).contains(message);
  }

  static HttpResponse<String> put(String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(server.apiUri().resolve("/api/v1/slos"))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
    var b = HttpRequest.newBuilder(URI.create(server.apiUri() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
