package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.bench.SyntheticSpans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpIngestTest {
  @TempDir Path dir;
  CasefileServer server;

  @BeforeEach
  void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(dir));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Test
  void protobufSpansShowUpAsFlowsAndServices() {
    Instant t0 = Instant.now().minusSeconds(120);
    byte[] body = new SyntheticSpans(1).batch(512, nanos(t0)).toByteArray();
    var r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", body);
    assertThat(r.statusCode()).isEqualTo(200);

    JsonNode flows = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/flows?from=" + t0.minusSeconds(60)));
    long requests = 0;
    for (JsonNode f : flows.get("flows")) {
      requests += f.get("requests").asLong();
    }
    assertThat(requests).isEqualTo(512);
    assertThat(flows.get("query").asText()).contains("FROM spans");

    JsonNode services = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/services"));
    assertThat(services.get("services")).hasSize(4);
    assertThat(services.get("services").get(0).get("name").asText()).isEqualTo("catalog");
    assertThat(services.get("services").get(0).get("versions").get(0).asText()).isEqualTo("1.2.0");
  }

  @Test
  void gzipJsonSpansAreAcceptedWithHexIds() throws IOException {
    long start = nanos(Instant.now().minusSeconds(30));
    String json = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},
          "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
            "name":"GET /x","kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":%d,
            "attributes":[{"key":"http.route","value":{"stringValue":"/x"}},
                          {"key":"http.request.method","value":{"stringValue":"GET"}},
                          {"key":"http.response.status_code","value":{"intValue":"503"}}]}]}]}]}
        """.formatted(start, start + 5_000_000);
    var bytes = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(bytes)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    var r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/json", bytes.toByteArray(),
        "Content-Encoding", "gzip");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);

    JsonNode flow = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/flows")).get("flows").get(0);
    assertThat(flow.get("service").asText()).isEqualTo("shop");
    assertThat(flow.get("operation").asText()).isEqualTo("GET /x");
    assertThat(flow.get("errors").asLong()).isEqualTo(1);
    String trace = server.store().read(c -> {
      try (var st = c.createStatement();
          var rs = st.executeQuery("SELECT replace(trace_id::VARCHAR, '-', ''), printf('%016x', span_id) FROM spans")) {
        rs.next();
        return rs.getString(1) + "/" + rs.getString(2);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(trace).isEqualTo("5b8efff798038103d269b633813fc60c/eee19b7ec3c1b174");
  }

  @Test
  void jsonLogsAndMetricsAreStored() {
    long t = nanos(Instant.now().minusSeconds(10));
    String logs = """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},
          "scopeLogs":[{"logRecords":[{"timeUnixNano":"%d","severityNumber":17,"severityText":"ERROR",
            "body":{"stringValue":"PixGatewayClient timeout after 5000 ms"},
            "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
            "attributes":[{"key":"thread","value":{"stringValue":"main"}}]}]}]}]}""".formatted(t);
    assertThat(TestHttp.post(server.otlpUri(), "/v1/logs", "application/json",
        logs.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    String metrics = """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},
          "scopeMetrics":[{"metrics":[
            {"name":"queue.depth","unit":"1","gauge":{"dataPoints":[{"timeUnixNano":"%d","asInt":"7"}]}},
            {"name":"http.server.request.duration","unit":"s","histogram":{"aggregationTemporality":2,
              "dataPoints":[{"timeUnixNano":"%d","count":"3","sum":0.6,"bucketCounts":["1","2","0"],
                "explicitBounds":[0.1,0.5],"attributes":[{"key":"http.route","value":{"stringValue":"/x"}}]}]}}]}]}]}"""
        .formatted(t, t);
    assertThat(TestHttp.post(server.otlpUri(), "/v1/metrics", "application/json",
        metrics.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM logs WHERE severity_number = 17 "
        + "AND replace(trace_id::VARCHAR, '-', '') = '5b8efff798038103d269b633813fc60c' "
        + "AND attributes['thread'] = 'main' AND body LIKE 'PixGateway%'")).isEqualTo(1);
    assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM metric_points WHERE name = 'queue.depth' "
        + "AND kind = 'gauge' AND value = 7")).isEqualTo(1);
    assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM metric_points WHERE kind = 'histogram' "
        + "AND count = 3 AND bucket_counts = [1, 2, 0] AND bounds = [0.1, 0.5] AND attributes['http.route'] = '/x'"))
        .isEqualTo(1);
  }

  @Test
  void exponentialHistogramsAreStoredAsTheirBuckets() {
    long t = nanos(Instant.now().minusSeconds(10));
    // scale 0: base 2, positive buckets (1,2], (2,4], (4,8]; negative (-2,-1]; 1 zero
    String metrics = """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"exp"}}]},
          "scopeMetrics":[{"metrics":[{"name":"h","unit":"ms","exponentialHistogram":{"aggregationTemporality":2,
            "dataPoints":[{"timeUnixNano":"%d","count":"9","sum":25.5,"scale":0,"zeroCount":"1",
              "positive":{"offset":0,"bucketCounts":["2","3","2"]},"negative":{"offset":0,"bucketCounts":["1"]}}]}}]}]}]}"""
        .formatted(t);
    var r = TestHttp.post(server.otlpUri(), "/v1/metrics", "application/json", metrics.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("rejected");
    assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM metric_points WHERE service = 'exp' AND name = 'h' "
        + "AND kind = 'histogram' AND count = 9 AND bounds = [-1.0, 1.0, 2.0, 4.0, 8.0] "
        + "AND bucket_counts = [1, 1, 2, 3, 2, 0]")).isEqualTo(1);
  }
}
