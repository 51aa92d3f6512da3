package io.casefile.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.casefile.incident.IncidentSymptom;
import io.casefile.incident.OpenIncident;
import io.casefile.incident.Severity;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill incidents are marked and kept apart: out of the incident list unless asked, their updates
 * recorded but not sent to webhooks unless asked; an ordinary server refuses to start a drill.
 */
class DrillIsolationTest {
  @TempDir Path dir;

  @Test
  void drillIncidentsStayOutOfListsAndWebhooksUnlessAsked() throws Exception {
    var received = new LinkedBlockingQueue<String>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", ex -> {
      received.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hook.start();
    try (var server = CasefileServer.start(ServerConfig.ephemeral(dir).withClock(
        java.time.InstantSource.fixed(Instant.parse("2026-03-02T12:00:00Z"))))) {
      var http = new DrillHarnessHttp(server);
      var symptom = new IncidentSymptom(null, Map.of(), "errors", "practice", null);
      String drill = server.incidents().open(new OpenIncident("[drill] checkout", Severity.SEV2, "ana", "casefile",
          symptom, null, true)).incident().id();
      String real = server.incidents().open(new OpenIncident("checkout 500s", Severity.SEV2, "ana", "ana", symptom,
          null)).incident().id();
      assertThat(http.post("/api/v1/webhooks", "{\"url\": \"http://127.0.0.1:" + hook.getAddress().getPort()
          + "/hook\"}").status()).isEqualTo(201);

      assertThat(http.get("/api/v1/incidents").json().path("incidents").findValuesAsText("id")).containsExactly(real);
      assertThat(http.get("/api/v1/incidents?drills=include").json().path("incidents").findValuesAsText("id"))
          .containsExactlyInAnyOrder(real, drill);
      assertThat(http.get("/api/v1/incidents?drills=only").json().path("incidents").findValuesAsText("id"))
          .containsExactly(drill);
      assertThat(http.get("/api/v1/incidents/" + drill).json().path("drill").asBoolean()).isTrue();
      assertThat(http.get("/api/v1/incidents?drills=maybe").status()).isEqualTo(400);

      assertThat(http.post("/api/v1/incidents/" + drill + "/updates", "{\"text\": \"practice only\"}").status())
          .isEqualTo(201);
      assertThat(http.post("/api/v1/incidents/" + real + "/updates", "{\"text\": \"real one\"}").status())
          .isEqualTo(201);
      assertThat(received.poll(30, TimeUnit.SECONDS)).contains("real one");
      assertThat(http.post("/api/v1/incidents/" + drill + "/updates", "{\"text\": \"practice, delivered\", "
          + "\"deliver_drill\": true}").status()).isEqualTo(201);
      assertThat(received.poll(30, TimeUnit.SECONDS)).contains("practice, delivered");
      assertThat(received).isEmpty();

      var refused = http.post("/api/v1/drills", "{\"scenario\": \"bad-deploy\"}");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().path("error").path("code").asText()).isEqualTo("not_a_drill_server");
      assertThat(http.post("/api/v1/drills/DRL-9/end", "").status()).isEqualTo(404);
      assertThat(http.get("/api/v1/drills").json().path("drills")).isEmpty();
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void aLeverIsValidatedAndKeptOnTheActionEntry() {
    try (var server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      var http = new DrillHarnessHttp(server);
      String id = server.incidents().open(new OpenIncident("checkout 500s", Severity.SEV2, "ana", "ana", null, null))
          .incident().id();
      var bad = http.post("/api/v1/incidents/" + id + "/entries", "{\"type\": \"action\", \"kind\": \"mitigation\", "
          + "\"summary\": \"x\", \"lever\": {\"kind\": \"reboot\", \"target\": \"payments\"}}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body()).contains("lever kind must be one of");
      var noValue = http.post("/api/v1/incidents/" + id + "/entries", "{\"type\": \"action\", \"kind\": \"mitigation\", "
          + "\"summary\": \"x\", \"lever\": \"route_away:region\"}");
      assertThat(noValue.status()).isEqualTo(400);
      assertThat(noValue.body()).contains("attribute=value");
      var ok = http.post("/api/v1/incidents/" + id + "/entries", "{\"type\": \"action\", \"kind\": \"mitigation\", "
          + "\"summary\": \"roll back payments\", \"target\": \"payments\", \"lever\": \"rollback:payments@2.30.4\"}");
      assertThat(ok.status()).as(ok.body()).isEqualTo(201);
      var action = http.get("/api/v1/incidents/" + id).json().path("actions").get(0);
      assertThat(action.path("target").asText()).isEqualTo("payments");
      assertThat(action.path("lever").path("kind").asText()).isEqualTo("rollback");
      assertThat(action.path("lever").path("version").asText()).isEqualTo("2.30.4");
    }
  }

  /** The harness's HTTP helpers over any server. */
  static final class DrillHarnessHttp {
    private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    private final CasefileServer server;

    DrillHarnessHttp(CasefileServer server) {
      this.server = server;
    }

    DrillHarness.Response get(String path) {
      return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.apiUri() + path)).GET().build());
    }

    DrillHarness.Response post(String path, String json) {
      return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.apiUri() + path))
          .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
          .build());
    }

    private DrillHarness.Response send(java.net.http.HttpRequest r) {
      try {
        var resp = client.send(r, java.net.http.HttpResponse.BodyHandlers.ofString());
        return new DrillHarness.Response(resp.statusCode(), resp.body());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
