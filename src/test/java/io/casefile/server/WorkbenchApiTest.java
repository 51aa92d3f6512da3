package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reads behind the workbench on a small fixed data set: series per bucket with a cohort
 * against the rest, the failing-against-baseline comparison per attribute value, a trace with its
 * linked logs, exemplars, the incident event stream, containment in the investigation, the
 * shareable page addresses and the security headers on every response.
 */
class WorkbenchApiTest {
  static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
  /** Requests every 6 s for 20 min; from minute 10 on, every pix request fails. */
  static final Instant ONSET = T0.plus(Duration.ofMinutes(10));
  static final Instant END = T0.plus(Duration.ofMinutes(20));
  static CasefileServer server;

  @BeforeAll
  static void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(null).withClock(InstantSource.fixed(END)).withRetention(null));
    StringBuilder spans = new StringBuilder();
    StringBuilder logs = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      Instant t = T0.plusSeconds(6L * i);
      String method = i % 2 == 0 ? "pix" : "card";
      boolean fail = method.equals("pix") && !t.isBefore(ONSET);
      String trace = String.format("%032x", 0xabc000L + i);
      long start = t.toEpochMilli() * 1_000_000L;
      if (!spans.isEmpty()) {
        spans.append(',');
      }
      spans.append("{\"traceId\":\"").append(trace).append("\",\"spanId\":\"").append(String.format("%016x", 1000L + i))
          .append("\",\"name\":\"POST /checkout\",\"kind\":2,\"startTimeUnixNano\":\"").append(start)
          .append("\",\"endTimeUnixNano\":\"").append(start + 20_000_000L).append("\",\"status\":{\"code\":")
          .append(fail ? 2 : 1).append("},\"attributes\":[{\"key\":\"http.route\",\"value\":{\"stringValue\":\"/checkout\"}},")
          .append("{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"POST\"}},")
          .append("{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"").append(fail ? 500 : 200).append("\"}},")
          .append("{\"key\":\"payment_method\",\"value\":{\"stringValue\":\"").append(method).append("\"}}]}");
      spans.append(",{\"traceId\":\"").append(trace).append("\",\"parentSpanId\":\"").append(String.format("%016x", 1000L + i))
          .append("\",\"spanId\":\"").append(String.format("%016x", 5000L + i))
          .append("\",\"name\":\"authorize\",\"kind\":1,\"startTimeUnixNano\":\"").append(start + 1_000_000L)
          .append("\",\"endTimeUnixNano\":\"").append(start + 15_000_000L).append("\",\"status\":{\"code\":")
          .append(fail ? 2 : 0).append("}}");
      if (fail) {
        logs.append(logs.isEmpty() ? "" : ",").append("{\"timeUnixNano\":\"").append(start + 2_000_000L)
            .append("\",\"severityText\":\"ERROR\",\"severityNumber\":17,\"body\":{\"stringValue\":\"pix authorization failed for ")
            .append(trace).append("\"},\"traceId\":\"").append(trace).append("\",\"spanId\":\"")
            .append(String.format("%016x", 5000L + i)).append("\"}");
      }
    }
    String resource = "\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"checkout\"}}]}";
    var r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/json",
        ("{\"resourceSpans\":[{" + resource + ",\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}").getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    r = TestHttp.post(server.otlpUri(), "/v1/logs", "application/json",
        ("{\"resourceLogs\":[{" + resource + ",\"scopeLogs\":[{\"logRecords\":[" + logs + "]}]}]}").getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String enc(Object s) {
    return URLEncoder.encode(String.valueOf(s), StandardCharsets.UTF_8);
  }

  static JsonNode get(String path, int status) {
    var r = TestHttp.get(server.apiUri(), path);
    assertThat(r.statusCode()).as(path + ": " + new String(r.body())).isEqualTo(status);
    return TestHttp.json(r);
  }

  @Test
  void seriesCountsEachBucketAndTheCohortAgainstTheRest() {
    JsonNode s = get("/api/v1/series?flow=" + enc("checkout:POST /checkout") + "&from=" + T0 + "&to=" + END
        + "&bucket=5m&cohort=payment_method=pix", 200);
    assertThat(s.get("bucket_seconds").asLong()).isEqualTo(300);
    JsonNode points = s.get("points");
    assertThat(points).hasSize(4);
    for (int b = 0; b < 4; b++) {
      JsonNode p = points.get(b);
      assertThat(p.get("start").asText()).isEqualTo(T0.plus(Duration.ofMinutes(5L * b)).toString());
      assertThat(p.get("requests").asLong()).isEqualTo(50);
      assertThat(p.get("cohort_requests").asLong()).isEqualTo(25);
      assertThat(p.get("errors").asLong()).isEqualTo(b < 2 ? 0 : 25);
      assertThat(p.get("cohort_errors").asLong()).isEqualTo(p.get("errors").asLong());
    }
    assertThat(s.get("query").asText()).contains("SELECT", "'payment_method') = 'pix'", "'checkout'");

    JsonNode perFlow = get("/api/v1/series?per_flow=true&from=" + T0 + "&to=" + END, 200);
    assertThat(perFlow.get("points").findValuesAsText("operation")).containsOnly("POST /checkout");

    assertThat(TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/series?cohort=no_such_key=1&from=" + T0 + "&to=" + END))
        .at("/error/message").asText()).contains("no_such_key");
    assertThat(TestHttp.get(server.apiUri(), "/api/v1/series?bucket=1s&from=" + T0 + "&to=" + END.plus(Duration.ofHours(1))).statusCode()).isEqualTo(400);
    assertThat(TestHttp.get(server.apiUri(), "/api/v1/series?from=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  void cohortsCompareTheShareOfFailingRequestsWithTheBaselinePerValue() {
    JsonNode c = get("/api/v1/cohorts?flow=" + enc("checkout:POST /checkout") + "&from=" + ONSET + "&to=" + END
        + "&baseline_from=" + T0 + "&baseline_to=" + ONSET, 200);
    assertThat(c.get("failing").asLong()).isEqualTo(50);
    assertThat(c.get("baseline_requests").asLong()).isEqualTo(100);
    JsonNode method = null;
    for (JsonNode a : c.get("attributes")) {
      if (a.get("key").asText().equals("payment_method")) {
        method = a;
      }
    }
    assertThat(method).as(c.toString()).isNotNull();
    Map<String, JsonNode> byValue = new HashMap<>();
    method.get("values").forEach(v -> byValue.put(v.get("value").asText(), v));
    assertThat(byValue.get("pix").get("failing_share").asDouble()).isEqualTo(1.0);
    assertThat(byValue.get("pix").get("baseline_share").asDouble()).isEqualTo(0.5);
    assertThat(byValue.get("pix").get("incident_rate").asDouble()).isEqualTo(1.0);
    assertThat(byValue.get("card").get("failing_share").asDouble()).isEqualTo(0.0);
    assertThat(c.get("attributes").get(0).get("key").asText()).isIn("payment_method", "http.response.status_code");
    assertThat(c.get("query").asText()).contains("GROUPING SETS");

    JsonNode rest = get("/api/v1/cohorts?flow=" + enc("checkout:POST /checkout") + "&from=" + T0 + "&to=" + END, 200);
    assertThat(rest.get("failing").asLong()).isEqualTo(50);
    assertThat(rest.get("baseline_requests").asLong()).as("the window's requests that did not fail").isEqualTo(150);
    assertThat(rest.get("baseline").asText()).contains("did not fail");

    var overlapping = TestHttp.get(server.apiUri(), "/api/v1/cohorts?flow=" + enc("checkout:POST /checkout") + "&from=" + ONSET
        + "&to=" + END + "&baseline_from=" + T0 + "&baseline_to=" + END);
    assertThat(overlapping.statusCode()).isEqualTo(400);
    assertThat(TestHttp.get(server.apiUri(), "/api/v1/cohorts?from=" + ONSET).statusCode()).isEqualTo(400);
  }

  @Test
  void aTraceComesWithItsSpansAndLinkedLogsAndExemplarsPointToFailures() {
    JsonNode ex = get("/api/v1/exemplars?flow=" + enc("checkout:authorize") + "&from=" + T0 + "&to=" + END + "&limit=3", 200);
    assertThat(ex.get("exemplars")).hasSize(3);
    String traceId = ex.get("exemplars").get(0).get("trace_id").asText();
    assertThat(traceId).isEqualTo(String.format("%032x", 0xabc000L + 198));
    assertThat(ex.get("exemplars").get(0).get("error").asBoolean()).isTrue();

    JsonNode t = get("/api/v1/traces/" + traceId, 200);
    assertThat(t.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(t.get("spans")).hasSize(2);
    JsonNode root = t.get("spans").get(0);
    JsonNode child = t.get("spans").get(1);
    assertThat(child.get("parent_span_id").asText()).isEqualTo(root.get("span_id").asText());
    assertThat(root.at("/attributes/payment_method").asText()).isEqualTo("pix");
    assertThat(child.get("error").asBoolean()).isTrue();
    assertThat(t.get("logs")).hasSize(1);
    assertThat(t.at("/logs/0/span_id").asText()).isEqualTo(child.get("span_id").asText());
    assertThat(t.at("/logs/0/body").asText()).contains("pix authorization failed");

    long template = t.at("/logs/0/template_id").asLong();
    JsonNode examples = get("/api/v1/log-examples?template=" + enc(templateText(template)) + "&from=" + T0 + "&to=" + END
        + "&limit=2", 200);
    assertThat(examples.get("logs")).hasSize(2);
    assertThat(examples.at("/logs/0/trace_id").asText()).isEqualTo(traceId);
    assertThat(examples.at("/logs/0/body").asText()).contains("pix authorization failed");
    assertThat(TestHttp.get(server.apiUri(), "/api/v1/log-examples?from=" + T0).statusCode()).isEqualTo(400);

    assertThat(TestHttp.get(server.apiUri(), "/api/v1/traces/" + "0".repeat(32)).statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/traces/x'--")).at("/error/message").asText())
        .contains("32 hexadecimal digits");
  }

  static String templateText(long id) {
    try (var c = server.store().connection(); var ps = c.prepareStatement("SELECT template FROM log_templates WHERE id = ?")) {
      ps.setLong(1, id);
      try (var rs = ps.executeQuery()) {
        assertThat(rs.next()).as("template " + id + " is stored").isTrue();
        return rs.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theInvestigationCarriesItsContainmentAdvice() {
    var r = TestHttp.post(server.apiUri(), "/api/v1/investigations", "application/json",
        ("{\"flow\":\"checkout:POST /checkout\",\"signal\":\"errors\",\"from\":\"" + T0 + "\",\"to\":\"" + END + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    JsonNode c = TestHttp.json(r).get("containment");
    assertThat(c).isNotNull();
    assertThat(c.get("recommendation").asText()).isIn("mitigate_first", "investigate_first", "no_action");
    assertThat(c.has("active")).isTrue();
    assertThat(c.has("candidates")).isTrue();
  }

  @Test
  void theIncidentStreamSendsNewEntriesAsServerSentEvents() throws Exception {
    var open = TestHttp.post(server.apiUri(), "/api/v1/incidents", "application/json",
        "{\"title\":\"stream\",\"severity\":\"SEV3\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(open.statusCode()).isEqualTo(201);
    String id = TestHttp.json(open).get("id").asText();
    HttpClient client = HttpClient.newHttpClient();
    var res = client.send(HttpRequest.newBuilder(server.apiUri().resolve("/api/v1/incidents/" + id + "/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    try (InputStream in = res.body(); var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      var note = TestHttp.post(server.apiUri(), "/api/v1/incidents/" + id + "/entries", "application/json",
          "{\"type\":\"note\",\"text\":\"customers report pix failures\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(note.statusCode()).isEqualTo(201);
      String found = CompletableFuture.supplyAsync(() -> {
        try {
          String event = null;
          for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith("event: ")) {
              event = line.substring(7);
            } else if (line.startsWith("data: ") && "entry".equals(event) && line.contains("customers report")) {
              return line;
            }
          }
          return null;
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(20, TimeUnit.SECONDS);
      assertThat(found).contains("\"type\":\"note\"");
    }
    assertThat(TestHttp.get(server.apiUri(), "/api/v1/incidents/INC-999/events").statusCode()).isEqualTo(404);
  }

  @Test
  void everyViewHasAnAddressAndEveryResponseForbidsInlineScriptAndSniffing() {
    for (String path : List.of("/", "/investigations?flow=checkout:POST%20/checkout", "/incidents/INC-1", "/traces/abc",
        "/flows", "/changes")) {
      var r = TestHttp.get(server.apiUri(), path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("<script type=\"module\" src=\"/js/app.js\">");
    }
    var uplot = TestHttp.get(server.apiUri(), "/webjars/uplot/1.6.30/dist/uPlot.esm.js");
    assertThat(uplot.statusCode()).isEqualTo(200);
    assertThat(uplot.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    List<HttpResponse<byte[]>> all = List.of(TestHttp.get(server.apiUri(), "/"), TestHttp.get(server.apiUri(), "/js/app.js"),
        TestHttp.get(server.apiUri(), "/workbench.css"), uplot, TestHttp.get(server.apiUri(), "/api/v1/health"),
        TestHttp.get(server.apiUri(), "/api/v1/nothing-here"), TestHttp.get(server.apiUri(), "/incidents/INC-1"),
        TestHttp.post(server.otlpUri(), "/v1/traces", "application/json", "{".getBytes(StandardCharsets.UTF_8)));
    for (var r : all) {
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(r.uri().toString()).contains("script-src 'self'", "default-src 'none'").doesNotContain("unsafe");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri().toString()).hasValue("nosniff");
    }
  }
}
