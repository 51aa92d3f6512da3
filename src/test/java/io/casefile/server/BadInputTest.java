package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import io.casefile.bench.SyntheticSpans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each kind of bad input gets its documented status and message; the server keeps serving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  static final String PB = "application/x-protobuf";
  CasefileServer server;
  ExportTraceServiceRequest good;
  long before;

  @BeforeAll
  void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(null).withMaxBodyBytes(4L * 1024 * 1024));
    good = new SyntheticSpans(3).batch(100, Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000L);
    assertThat(post(PB, good.toByteArray()).statusCode()).isEqualTo(200);
  }

  @BeforeEach
  void countSpans() {
    before = spans();
  }

  @AfterAll
  void stop() {
    assertThat(post(PB, good.toByteArray()).statusCode()).as("still serving").isEqualTo(200);
    server.close();
  }

  HttpResponse<byte[]> post(String type, byte[] body, String... headers) {
    return TestHttp.post(server.otlpUri(), "/v1/traces", type, body, headers);
  }

  long spans() {
    return RealAgentIngestTest.count(server, "SELECT count(*) FROM spans");
  }

  static String statusMessage(HttpResponse<byte[]> r) throws IOException {
    var in = CodedInputStream.newInstance(r.body());
    String message = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 18) {
        message = in.readString();
      } else {
        in.skipField(tag);
      }
    }
    return message;
  }

  @Test
  void truncatedProtobufIs400WithAStatusNamingTheMessage() throws IOException {
    byte[] body = good.toByteArray();
    var r = post(PB, Arrays.copyOf(body, body.length / 2));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(statusMessage(r)).startsWith("body is not a valid protobuf ExportTraceServiceRequest");
    assertThat(spans()).isEqualTo(before);
  }

  @Test
  void garbageProtobufIs400() throws IOException {
    byte[] garbage = new byte[1000];
    new java.util.Random(5).nextBytes(garbage);
    var r = post(PB, garbage);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(statusMessage(r)).contains("not a valid protobuf");
  }

  @Test
  void unknownContentTypeIs415() {
    var r = post("text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(TestHttp.json(r).at("/error/message").asText()).contains("text/plain")
        .contains("application/x-protobuf or application/json");
  }

  @Test
  void jsonWithWrongTypesIs400NamingThePath() {
    String json = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
          "spanId":"eee19b7ec3c1b174","name":"x","startTimeUnixNano":{"oops":1}}]}]}]}""";
    var r = post("application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(r).at("/error/message").asText())
        .contains(".resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano must be an integer");
    assertThat(TestHttp.json(r).get("code").asInt()).isEqualTo(3);
  }

  @Test
  void base64IdsInJsonAreRejectedAsNotHex() {
    String json = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"W47/95gDgQPSabYzgT/GDA==",
          "spanId":"7uGbfsPBsXQ=","name":"x","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}""";
    var r = post("application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(r).at("/error/message").asText()).contains("traceId must be 32 hex characters");
  }

  @Test
  void farFutureAndPre1970SpansAreRejectedAsPartialSuccess() throws IOException {
    long now = Instant.now().toEpochMilli() * 1_000_000L;
    var b = good.toBuilder();
    var spansB = b.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
    spansB.setSpans(0, spansB.getSpans(0).toBuilder().setStartTimeUnixNano(now + 400L * 86_400 * 1_000_000_000L)
        .setEndTimeUnixNano(now + 400L * 86_400 * 1_000_000_000L + 5));
    spansB.setSpans(1, spansB.getSpans(1).toBuilder().setStartTimeUnixNano(0).setEndTimeUnixNano(5));
    spansB.setSpans(2, spansB.getSpans(2).toBuilder().setStartTimeUnixNano(-5L).setEndTimeUnixNano(-1L));
    var r = post(PB, b.build().toByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    var resp = ExportTraceServiceResponse.parseFrom(r.body());
    assertThat(resp.getPartialSuccess().getRejectedSpans()).isEqualTo(3);
    assertThat(resp.getPartialSuccess().getErrorMessage()).startsWith("3 spans rejected; first: span ");
    assertThat(spans()).isEqualTo(before + 97);
  }

  @Test
  void oversizedBodyIs413() {
    var r = post(PB, new byte[5 * 1024 * 1024]);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void gzipBombBeyondTheLimitIs413() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(bytes)) {
      gz.write(new byte[8 * 1024 * 1024]);
    }
    var r = post(PB, bytes.toByteArray(), "Content-Encoding", "gzip");
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void notGzipDespiteTheHeaderIs400() throws IOException {
    var r = post(PB, good.toByteArray(), "Content-Encoding", "gzip");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(statusMessage(r)).contains("not valid gzip");
  }

  @Test
  void aSpanWith100000AttributesKeepsTheFirst128AndSaysSo() throws IOException {
    var span = good.getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder().clearAttributes();
    for (int i = 0; i < 100_000; i++) {
      span.addAttributes(KeyValue.newBuilder().setKey("k" + i).setValue(AnyValue.newBuilder().setIntValue(i)));
    }
    var b = good.toBuilder();
    b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).clearSpans().addSpans(span);
    b.removeResourceSpans(3).removeResourceSpans(2).removeResourceSpans(1);
    var r = post(PB, b.build().toByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    var resp = ExportTraceServiceResponse.parseFrom(r.body());
    assertThat(resp.getPartialSuccess().getRejectedSpans()).isZero();
    assertThat(resp.getPartialSuccess().getErrorMessage()).contains("99872 attributes dropped beyond the limit of 128");
    assertThat(spans()).isEqualTo(before + 1);
  }

  @Test
  void invalidUtf8InAProtobufStringIs400() throws IOException {
    Span span = good.getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder().setName("ZQZ").build();
    var b = good.toBuilder();
    b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).setSpans(0, span);
    byte[] body = b.build().toByteArray();
    int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("ZQZ");
    body[at] = (byte) 0xC3;
    body[at + 1] = (byte) 0x28;
    var r = post(PB, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(statusMessage(r)).contains("UTF-8");
    assertThat(spans()).isEqualTo(before);
  }

  @Test
  void invalidUtf8InJsonIs400() {
    byte[] json = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"XX\"}}]}}]}"
        .getBytes(StandardCharsets.UTF_8);
    int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("XX");
    json[at] = (byte) 0xC3;
    json[at + 1] = (byte) 0x28;
    var r = post("application/json", json);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(r).at("/error/message").asText()).contains("UTF-8");
  }

  @Test
  void apiErrorsAreJsonNamingTheProblem() {
    var r = TestHttp.post(server.apiUri(), "/api/v1/changes", "application/json",
        "{\"type\":\"deploi\",\"summary\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(r).at("/error/code").asText()).isEqualTo("bad_request");
    assertThat(TestHttp.json(r).at("/error/message").asText()).contains("deploi");
    var missing = TestHttp.get(server.apiUri(), "/api/v1/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(missing).at("/error/code").asText()).isEqualTo("not_found");
    var badTime = TestHttp.get(server.apiUri(), "/api/v1/flows?from=yesterday");
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(badTime).at("/error/message").asText()).contains("from must be an RFC 3339 time");
  }
}
