package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.casefile.store.SpanAttributes;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribute keys that differ only in case, that equal a fixed column or the map column, that are
 * empty, hold NUL or are very long: each is stored as its own key, before and after it is promoted
 * to a column, reads answer, and the server starts again on the same data.
 */
class HostileKeysTest {
  static final List<String> RESOURCE_KEYS = List.of("Host.Name", "host.name");
  static final List<String> SPAN_KEYS = List.of("Foo", "foo", "Name", "name", "attr.name", "", "a\0b",
      "k".repeat(3_000), "attributes", "trace_id", "attr#20", "\"quoted\"", "SERVICE.VERSION");
  static final int SPANS_PER_REQUEST = 1_000;

  @TempDir Path dir;

  static ExportTraceServiceRequest request(int r, long startNanos) {
    Resource.Builder res = Resource.newBuilder().addAttributes(kv("service.name", "svc"));
    for (String k : RESOURCE_KEYS) {
      res.addAttributes(kv(k, "value of " + k));
    }
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < SPANS_PER_REQUEST; i++) {
      long id = (long) r * SPANS_PER_REQUEST + i + 1;
      Span.Builder s = Span.newBuilder()
          .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(7).putLong(id).array()))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
          .setName("GET /x").setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(startNanos + id * 1_000_000L).setEndTimeUnixNano(startNanos + id * 1_000_000L + 5_000_000L);
      for (String k : SPAN_KEYS) {
        s.addAttributes(kv(k, "value of " + k));
      }
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(res).addScopeSpans(scope)).build();
  }

  static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
  }

  /** Spans whose value under each hostile key is that key's own value. */
  static long matching(CasefileServer server, String key) {
    return server.store().read(c -> {
      SpanAttributes attrs = SpanAttributes.read(c);
      try (var ps = c.prepareStatement("SELECT count(*) FROM spans WHERE " + attrs.expression(key) + " = ?")) {
        ps.setString(1, "value of " + key);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void caseVariantsEmptyNulAndLongKeysAreDistinctKeysAndNothingIsLost() {
    long t0 = (Instant.now().minusSeconds(600).getEpochSecond()) * 1_000_000_000L;
    int requests = 12; // past one promotion window: the keys are read from the map, then from columns
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      for (int r = 0; r < requests; r++) {
        var resp = TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", request(r, t0).toByteArray());
        assertThat(resp.statusCode()).isEqualTo(200);
      }
      var flows = TestHttp.get(server.apiUri(), "/api/v1/flows?from=" + Instant.ofEpochSecond(t0 / 1_000_000_000L)
          + "&to=" + Instant.now());
      assertThat(flows.statusCode()).isEqualTo(200);
      assertThat(TestHttp.json(flows).get("flows").toString()).contains("svc");
      assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM spans")).isEqualTo(requests * SPANS_PER_REQUEST);
      for (String k : concat()) {
        assertThat(matching(server, k)).as("key [%s]", k.length() > 20 ? k.substring(0, 20) : k)
            .isEqualTo(requests * SPANS_PER_REQUEST);
      }
      assertThat(server.store().keyStats().columns()).as("the hostile keys were promoted by use").isGreaterThan(9);
      assertThat(TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/health")).get("status").asText()).isEqualTo("ok");
    }
    try (CasefileServer again = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      for (String k : concat()) {
        assertThat(matching(again, k)).isEqualTo(requests * SPANS_PER_REQUEST);
      }
    }
  }

  static List<String> concat() {
    return java.util.stream.Stream.concat(RESOURCE_KEYS.stream(), SPAN_KEYS.stream()).toList();
  }
}
