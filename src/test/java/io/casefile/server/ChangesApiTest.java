package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangesApiTest {
  CasefileServer server;

  @BeforeEach
  void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(null));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  JsonNode postJson(String path, String json) {
    var r = TestHttp.post(server.apiUri(), path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isBetween(200, 202);
    return TestHttp.json(r);
  }

  @Test
  void nativeChangeEventsAreStoredAndFilteredByService() {
    String now = Instant.now().minusSeconds(60).toString();
    postJson("/api/v1/changes", """
        {"type":"feature_flag","timestamp":"%s","service":"checkout","summary":"new-pix-flow 10%%->50%%",
         "flag_key":"new-pix-flow","targets":{"region":"eu-west"},"author":"ana","link":"https://flags/1"}"""
        .formatted(now));
    postJson("/api/v1/changes", """
        {"type":"deploy","timestamp":"%s","service":"payments","summary":"payments v2.31.0","version":"2.31.0",
         "previous_version":"2.30.4"}""".formatted(now));
    JsonNode changes = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/changes?service=checkout")).get("changes");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("type").asText()).isEqualTo("feature_flag");
    assertThat(changes.get(0).get("flag_key").asText()).isEqualTo("new-pix-flow");
    assertThat(changes.get(0).get("targets").get("region").asText()).isEqualTo("eu-west");
    assertThat(changes.get(0).get("source").asText()).isEqualTo("api");
  }

  @Test
  void pagerDutyChangeEventsAreAccepted() {
    JsonNode r = postJson("/v2/change/enqueue", """
        {"routing_key":"R0","payload":{"summary":"Build 42 deployed","timestamp":"%s","source":"payments",
         "custom_details":{"type":"deploy","version":"2.31.0"}},
         "links":[{"href":"https://ci/42","text":"build"}]}""".formatted(Instant.now().minusSeconds(5)));
    assertThat(r.get("status").asText()).isEqualTo("success");
    JsonNode c = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/changes")).get("changes").get(0);
    assertThat(c.get("service").asText()).isEqualTo("payments");
    assertThat(c.get("version").asText()).isEqualTo("2.31.0");
    assertThat(c.get("link").asText()).isEqualTo("https://ci/42");
    assertThat(c.get("source").asText()).isEqualTo("pagerduty");
  }

  @Test
  void aNewServiceVersionInTelemetryAppearsAsADerivedDeploy() {
    long t = Instant.now().minusSeconds(120).toEpochMilli() * 1_000_000L;
    send("2.30.4", t, 1);
    send("2.31.0", t + 30_000_000_000L, 2);
    JsonNode changes = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/changes?service=payments")).get("changes");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("type").asText()).isEqualTo("deploy");
    assertThat(changes.get(0).get("source").asText()).isEqualTo("derived");
    assertThat(changes.get(0).get("version").asText()).isEqualTo("2.31.0");
    assertThat(changes.get(0).get("previous_version").asText()).isEqualTo("2.30.4");
    assertThat(Instant.parse(changes.get(0).get("timestamp").asText()).toEpochMilli() * 1_000_000L)
        .isEqualTo(t + 30_000_000_000L);
  }

  private void send(String version, long startNanos, int id) {
    var span = Span.newBuilder().setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte) id}))
        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) id})).setName("POST /pay")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(startNanos).setEndTimeUnixNano(startNanos + 1000);
    var req = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "payments")).addAttributes(kv("service.version", version)))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();
    assertThat(TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", req.toByteArray()).statusCode())
        .isEqualTo(200);
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
  }
}
