package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Inputs that used to break a request (a 500, a stack overflow, a silent wrap) get a 4xx naming
 * the problem, or are accepted as the OTLP specification allows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeInputTest {
  CasefileServer server;

  @BeforeAll
  void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(null));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static String message(HttpResponse<byte[]> r) {
    return TestHttp.json(r).at("/error/message").asText();
  }

  HttpResponse<byte[]> postApi(String path, String json) {
    return TestHttp.post(server.apiUri(), path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deeplyNestedProtobufGroupsAre400NotAStackOverflow() throws Exception {
    byte[] body = new byte[1_000_000];
    Arrays.fill(body, (byte) 0x0b);
    for (String path : new String[] {"/v1/traces", "/v1/logs", "/v1/metrics"}) {
      var r = TestHttp.post(server.otlpUri(), path, "application/x-protobuf", body);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(BadInputTest.statusMessage(r)).as(path).isNotBlank();
    }
  }

  @Test
  void extremeTimeRangesAre400() {
    var inv = postApi("/api/v1/investigations",
        "{\"from\":\"0001-01-01T00:00:00Z\",\"to\":\"9999-12-31T00:00:00Z\"}");
    assertThat(inv.statusCode()).isEqualTo(400);
    assertThat(message(inv)).contains("outside the supported range");
    var flows = TestHttp.get(server.apiUri(), "/api/v1/flows?from=-999999999-01-01T00:00:00Z");
    assertThat(flows.statusCode()).isEqualTo(400);
    assertThat(message(flows)).contains("outside the supported range");
  }

  @Test
  void getOnAnOtlpPathIs405() {
    var r = TestHttp.get(server.otlpUri(), "/v1/traces");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void jsonErrorsNameTheProblemWithoutParserInternals() {
    for (String bad : new String[] {"{\"type\": NaN}", "{'type': 1}", "{\"type\": \"deploy\"", "[1, 2,"}) {
      var r = postApi("/api/v1/changes", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(message(r)).as(bad).startsWith("body is not valid JSON").doesNotContain("JsonReadFeature", "enable",
          "Source:", "com.fasterxml", "java.");
    }
    var otlp = TestHttp.post(server.otlpUri(), "/v1/traces", "application/json",
        "{\"resourceSpans\": [NaN]}".getBytes(StandardCharsets.UTF_8));
    assertThat(otlp.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(otlp).toString()).doesNotContain("JsonReadFeature", "enable `");
  }

  @Test
  void otlpJsonDoublesWrittenAsNanAndInfinityStringsAreAccepted() {
    long now = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000L;
    String metrics = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"nan-svc\"}}]},\"scopeMetrics\":[{\"metrics\":[{\"name\":\"g\",\"gauge\":{\"dataPoints\":["
        + "{\"timeUnixNano\":\"" + now + "\",\"asDouble\":\"NaN\"},{\"timeUnixNano\":\"" + now + "\",\"asDouble\":\"Infinity\"},"
        + "{\"timeUnixNano\":\"" + now + "\",\"asDouble\":\"-Infinity\"}]}}]}]}]}";
    var r = TestHttp.post(server.otlpUri(), "/v1/metrics", "application/json", metrics.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    String spans = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"nan-svc\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
        + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"GET /n\",\"kind\":2,\"startTimeUnixNano\":\"" + now + "\","
        + "\"endTimeUnixNano\":\"" + (now + 1_000_000) + "\",\"attributes\":[{\"key\":\"ratio\",\"value\":"
        + "{\"doubleValue\":\"NaN\"}},{\"key\":\"big\",\"value\":{\"doubleValue\":\"Infinity\"}}]}]}]}]}";
    var s = TestHttp.post(server.otlpUri(), "/v1/traces", "application/json", spans.getBytes(StandardCharsets.UTF_8));
    assertThat(s.statusCode()).as(new String(s.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM metric_points WHERE service = 'nan-svc'")).isEqualTo(3);
    assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM spans WHERE service = 'nan-svc'")).isEqualTo(1);
  }

  @Test
  void oversizedRevisesAndOverflowingFactNumbersAre400() {
    var opened = postApi("/api/v1/incidents", "{\"title\":\"edge\",\"severity\":\"SEV3\",\"author\":\"ana\"}");
    assertThat(opened.statusCode()).as(new String(opened.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    String id = TestHttp.json(opened).get("id").asText();
    var revises = postApi("/api/v1/incidents/" + id + "/entries",
        "{\"type\":\"hypothesis\",\"statement\":\"s\",\"author\":\"ana\",\"revises\":18446744073709551617}");
    assertThat(revises.statusCode()).isEqualTo(400);
    assertThat(message(revises)).contains("revises");
    var fact = postApi("/api/v1/incidents/" + id + "/entries",
        "{\"type\":\"fact\",\"statement\":\"s\",\"author\":\"ana\",\"numbers\":{\"n\":1e400}}");
    assertThat(fact.statusCode()).isEqualTo(400);
    assertThat(message(fact)).contains("numbers.n");
  }

  @Test
  void theServerBindsToIpv6LoopbackWrittenEitherWay() {
    for (String host : new String[] {"::1", "[::1]"}) {
      try (CasefileServer v6 = CasefileServer.start(ServerConfig.ephemeral(null).withHost(host))) {
        JsonNode h = TestHttp.json(TestHttp.get(v6.apiUri(), "/api/v1/health"));
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(v6.apiUri().getHost()).isEqualTo("[::1]");
      }
    }
  }
}
