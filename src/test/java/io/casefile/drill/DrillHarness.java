package io.casefile.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.alerts.AlertSettings;
import io.casefile.model.JsonCodec;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A drill server on a manual clock, driven from the test: the world moves only when the test
 * advances the clock, and the responder works through the public HTTP API.
 */
final class DrillHarness implements AutoCloseable {
  static final Instant ORIGIN = Instant.parse("2026-03-02T12:00:00Z");

  final DrillClock clock = DrillClock.manual(ORIGIN);
  final CasefileServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  String drill;
  String incident;
  String page;

  DrillHarness(Path dir) {
    server = CasefileServer.start(ServerConfig.ephemeral(dir).withRetention(null).withClock(clock),
        AlertSettings.DEFAULTS.withEvaluationInterval(null));
  }

  /** Starts a drill with five minutes of history and advances until the page; returns the page. */
  String start(String scenario, long seed) {
    var r = post("/api/v1/drills", "{\"scenario\": \"" + scenario + "\", \"seed\": " + seed
        + ", \"responder\": \"ana\", \"history\": \"5m\", \"duration\": \"20m\", \"rate\": 8}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    drill = r.json().get("id").asText();
    assertThat(r.json().get("scenario").asText()).isEqualTo("hidden until the drill ends");
    for (int i = 0; i < 60 && incident == null; i++) {
      advance(Duration.ofSeconds(10));
      if (server.drills().view(drill).incidentId() != null) {
        JsonNode d = get("/api/v1/drills/" + drill).json();
        incident = d.get("incident_id").asText();
        page = d.get("page").asText();
        return page;
      }
    }
    throw new AssertionError("the drill never paged");
  }

  void advance(Duration d) {
    server.drills().advance(d);
  }

  Response entry(String json) {
    return post("/api/v1/incidents/" + incident + "/entries", json);
  }

  JsonNode investigate(String question) {
    var r = post("/api/v1/investigations", question);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  JsonNode end() {
    var r = post("/api/v1/drills/" + drill + "/end", "");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode d = r.json();
    System.out.println("debrief " + d.get("scenario").asText() + ": " + d.get("score").asInt() + " / 100, affected "
        + d.path("outcome").path("affected_requests").asLong() + " (best possible "
        + d.path("outcome").path("best_possible_affected").asLong() + "), time to mitigate "
        + d.path("outcome").path("time_to_mitigate").asText() + ", changes " + d.get("changes").findValuesAsText("measured")
        .stream().map(m -> m.split(":")[0]).toList());
    return d;
  }

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JsonCodec.mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  Response post(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private URI uri(String path) {
    return URI.create(server.apiUri() + path.replace(" ", "%20"));
  }

  private Response send(HttpRequest r) {
    try {
      HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
      return new Response(resp.statusCode(), resp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code casefile ARGS --server URL} and returns what it printed; fails on a non-zero exit. */
  String cli(String... args) {
    var all = new java.util.ArrayList<>(java.util.List.of(args));
    all.add("--server");
    all.add(server.apiUri().toString());
    java.io.PrintStream old = System.out;
    var out = new java.io.ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      code = io.casefile.cli.Main.run(all.toArray(String[]::new));
    } finally {
      System.setOut(old);
    }
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return text;
  }

  @Override
  public void close() {
    server.close();
  }
}
