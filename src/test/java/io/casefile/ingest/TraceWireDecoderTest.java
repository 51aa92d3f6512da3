package io.casefile.ingest;

import io.casefile.bench.SyntheticSpans;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.casefile.store.SpanRow;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The wire decoder must agree with parsing the message and flattening it: the same rows, the
 * same rejections and message, or an error for the same bodies.
 */
class TraceWireDecoderTest {
  private static final long NOW_MICROS = 1_780_315_200_000_000L; // 2026-06-01T12:00:00Z
  private static final IngestLimits SMALL = new IngestLimits(6, 16, Duration.ofDays(1));

  @Property(tries = 400)
  void agreesOnGeneratedRequests(@ForAll("seeds") long seed) {
    byte[] body = request(new Random(seed)).toByteArray();
    assertSame(body, IngestLimits.DEFAULT);
    assertSame(body, SMALL);
  }

  @Property(tries = 400)
  void agreesOnMutatedRequests(@ForAll("seeds") long seed, @ForAll @Size(min = 1, max = 6) List<Integer> flips) {
    byte[] body = request(new Random(seed)).toByteArray();
    Random r = new Random(seed ^ 0x5DEECE66DL);
    for (int f : flips) {
      body[Math.floorMod(f, body.length)] = (byte) r.nextInt(256);
    }
    assertSame(body, IngestLimits.DEFAULT);
  }

  @Property(tries = 300)
  void agreesOnAnyBytes(@ForAll @Size(max = 400) byte[] body) {
    assertSame(body, IngestLimits.DEFAULT);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  private static void assertSame(byte[] body, IngestLimits limits) {
    Decoded expected;
    try {
      expected = new SpanFlattener(limits, NOW_MICROS).flatten(ExportTraceServiceRequest.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      expected = null;
    }
    Decoded actual;
    try {
      actual = TraceWireDecoder.decode(new SpanFlattener(limits, NOW_MICROS), body);
    } catch (InvalidProtocolBufferException e) {
      actual = null;
    }
    if (expected == null || actual == null) {
      assertThat(actual == null).as("wire decoder fails exactly when the parser fails").isEqualTo(expected == null);
      return;
    }
    assertThat(actual.rejected()).isEqualTo(expected.rejected());
    assertThat(actual.message()).isEqualTo(expected.message());
    assertThat(actual.batch().spans().stream().map(TraceWireDecoderTest::describe).toList())
        .isEqualTo(expected.batch().spans().stream().map(TraceWireDecoderTest::describe).toList());
  }

  private static String describe(SpanRow s) {
    return String.join("|", Long.toHexString(s.traceIdHigh()), Long.toHexString(s.traceIdLow()),
        Long.toHexString(s.spanId()), Long.toHexString(s.parentSpanId()), Long.toString(s.startMicros()),
        Long.toString(s.durationMicros()), Integer.toString(s.kind()), s.name(), Integer.toString(s.status()),
        String.valueOf(s.statusMessage()), s.service(), s.operation(), Boolean.toString(s.request()),
        Boolean.toString(s.error()), Arrays.toString(Arrays.copyOf(s.attrKeys(), s.attrCount())),
        Arrays.toString(Arrays.copyOf(s.attrValues(), s.attrCount())));
  }

  private static final String[] KEYS = {"service.name", "http.route", "http.request.method",
      "http.response.status_code", "rpc.method", "region", "user.id", "error.type", "ü.key"};

  static ExportTraceServiceRequest request(Random r) {
    var req = ExportTraceServiceRequest.newBuilder();
    for (int rs = 0, n = 1 + r.nextInt(3); rs < n; rs++) {
      var resource = Resource.newBuilder();
      for (int i = 0, m = r.nextInt(9); i < m; i++) {
        resource.addAttributes(kv(r));
      }
      var b = ResourceSpans.newBuilder();
      if (r.nextInt(8) > 0) {
        b.setResource(resource);
      }
      for (int ss = 0, k = 1 + r.nextInt(2); ss < k; ss++) {
        var scope = ScopeSpans.newBuilder();
        if (r.nextBoolean()) {
          scope.setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.0"));
        }
        for (int s = 0, m = r.nextInt(6); s < m; s++) {
          scope.addSpans(span(r));
        }
        b.addScopeSpans(scope);
      }
      req.addResourceSpans(b);
    }
    return req.build();
  }

  private static Span span(Random r) {
    long start = (NOW_MICROS - 60_000_000L + r.nextInt(1_000_000)) * 1000;
    var s = Span.newBuilder()
        .setTraceId(ByteString.copyFrom(bytes(r, r.nextInt(10) == 0 ? 8 : 16, r.nextInt(20) == 0)))
        .setSpanId(ByteString.copyFrom(bytes(r, 8, r.nextInt(20) == 0)))
        .setName(r.nextBoolean() ? "GET /x" : "op-" + r.nextInt(3))
        .setKindValue(r.nextInt(7))
        .setStartTimeUnixNano(r.nextInt(30) == 0 ? 0 : start)
        .setEndTimeUnixNano(start + (r.nextInt(20) == 0 ? -5 : r.nextInt(1_000_000)));
    if (r.nextBoolean()) {
      s.setParentSpanId(ByteString.copyFrom(bytes(r, r.nextInt(10) == 0 ? 4 : 8, false)));
    }
    if (r.nextBoolean()) {
      s.setStatus(Status.newBuilder().setCodeValue(r.nextInt(3)).setMessage(r.nextBoolean() ? "" : "boom"));
    }
    for (int i = 0, m = r.nextInt(10); i < m; i++) {
      s.addAttributes(kv(r));
    }
    if (r.nextInt(5) == 0) {
      s.addEvents(Span.Event.newBuilder().setName("exception").addAttributes(kv(r)));
    }
    return s.build();
  }

  private static KeyValue kv(Random r) {
    var kv = KeyValue.newBuilder().setKey(KEYS[r.nextInt(KEYS.length)]);
    switch (r.nextInt(9)) {
      case 0 -> { } // no value
      case 1 -> kv.setValue(AnyValue.newBuilder().setIntValue(r.nextInt(700)));
      case 2 -> kv.setValue(AnyValue.newBuilder().setBoolValue(r.nextBoolean()));
      case 3 -> kv.setValue(AnyValue.newBuilder().setDoubleValue(r.nextInt(3) == 0 ? 2.0 : r.nextDouble()));
      case 4 -> kv.setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(bytes(r, 5, false))));
      case 5 -> kv.setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
          .addValues(AnyValue.newBuilder().setStringValue("a")).addValues(AnyValue.newBuilder().setIntValue(2))));
      case 6 -> kv.setValue(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
          .addValues(KeyValue.newBuilder().setKey("k").setValue(AnyValue.newBuilder().setStringValue("v\"")))));
      default -> kv.setValue(AnyValue.newBuilder().setStringValue(
          r.nextBoolean() ? "value-" + r.nextInt(3) : "a long value with ünïcode " + r.nextInt(3)));
    }
    return kv.build();
  }

  private static byte[] bytes(Random r, int n, boolean zero) {
    byte[] b = new byte[n];
    if (!zero) {
      r.nextBytes(b);
    }
    return b;
  }

  @net.jqwik.api.Example
  void spansOfOneRequestShareEqualAttributeStrings() throws Exception {
    byte[] body = new SyntheticSpans(3).batch(8, NOW_MICROS * 1000 - 60_000_000_000L).toByteArray();
    List<SpanRow> spans = TraceWireDecoder.decode(new SpanFlattener(IngestLimits.DEFAULT, NOW_MICROS), body)
        .batch().spans();
    SpanRow a = spans.get(0);
    SpanRow b = spans.get(1);
    int route = Arrays.asList(a.attrKeys()).indexOf("url.scheme");
    assertThat(b.attrKeys()[route]).isSameAs(a.attrKeys()[route]);
    assertThat(b.attrValues()[route]).isEqualTo("https").isSameAs(a.attrValues()[route]);
  }
}
