package io.casefile.ingest;

import io.casefile.bench.SyntheticSpans;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Every decoder returns a result or throws IllegalArgumentException: nothing else, for any input. */
class DecoderFuzzTest {
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-06-01T12:00:00Z"));
  static final OtlpDecoder OTLP = new OtlpDecoder(IngestLimits.DEFAULT, CLOCK);
  static final ChangeEventDecoder CHANGES = new ChangeEventDecoder(CLOCK, Duration.ofDays(1));
  static final byte[] VALID_TRACES = new SyntheticSpans(11)
      .batch(20, Instant.parse("2026-06-01T11:00:00Z").toEpochMilli() * 1_000_000L).toByteArray();
  static final String VALID_JSON = """
      {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"s"}}]},
       "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
       "parentSpanId":"","name":"n","kind":"SPAN_KIND_SERVER","startTimeUnixNano":"1780311600000000000",
       "endTimeUnixNano":1780311600100000000,"status":{"code":2},"attributes":[
       {"key":"a","value":{"arrayValue":{"values":[{"intValue":"1"},{"doubleValue":2.5}]}}},
       {"key":"b","value":{"kvlistValue":{"values":[{"key":"x","value":{"boolValue":true}}]}}}]}]}]}],
       "resourceLogs":[],"resourceMetrics":[]}""";

  static void decodesOrRejects(Runnable decode) {
    try {
      decode.run();
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void protobufDecodersTakeAnyBytes(@ForAll @Size(max = 600) byte[] body) {
    for (OtlpSignal s : OtlpSignal.values()) {
      decodesOrRejects(() -> OTLP.protobuf(s, body));
    }
  }

  @Property(tries = 300)
  void protobufDecodersTakeMutatedValidBodies(@ForAll("mutatedTraces") byte[] body) {
    for (OtlpSignal s : OtlpSignal.values()) {
      decodesOrRejects(() -> OTLP.protobuf(s, body));
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedTraces() {
    return Arbitraries.integers().between(0, VALID_TRACES.length - 1).list().ofMinSize(1).ofMaxSize(8)
        .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
          byte[] b = VALID_TRACES.clone();
          for (int i = 0; i < positions.size(); i++) {
            b[positions.get(i)] = values.get(i);
          }
          return b;
        }));
  }

  @Property(tries = 300)
  void jsonDecodersTakeMutatedValidText(@ForAll @IntRange(min = 0, max = 1000) int at,
      @ForAll @Size(max = 6) String insert, @ForAll @IntRange(min = 0, max = 5) int delete) {
    int pos = Math.min(at, VALID_JSON.length());
    String text = VALID_JSON.substring(0, pos) + insert + VALID_JSON.substring(Math.min(VALID_JSON.length(), pos + delete));
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    for (OtlpSignal s : OtlpSignal.values()) {
      decodesOrRejects(() -> OTLP.json(s, body));
    }
  }

  @Property(tries = 200)
  void jsonDecodersTakeAnyBytes(@ForAll @Size(max = 300) byte[] body) {
    for (OtlpSignal s : OtlpSignal.values()) {
      decodesOrRejects(() -> OTLP.json(s, body));
    }
    decodesOrRejects(() -> CHANGES.nativeEvent(body));
    decodesOrRejects(() -> CHANGES.pagerDuty(body));
  }

  @Property(tries = 300)
  void changeDecodersTakeAnyFieldValues(@ForAll("jsonValue") String type, @ForAll("jsonValue") String ts,
      @ForAll("jsonValue") String targets) {
    String nativeBody = "{\"type\":" + type + ",\"timestamp\":" + ts + ",\"summary\":\"s\",\"targets\":" + targets + "}";
    String pd = "{\"payload\":{\"summary\":\"s\",\"timestamp\":" + ts + ",\"custom_details\":" + targets
        + "},\"links\":" + type + "}";
    decodesOrRejects(() -> CHANGES.nativeEvent(nativeBody.getBytes(StandardCharsets.UTF_8)));
    decodesOrRejects(() -> CHANGES.pagerDuty(pd.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<String> jsonValue() {
    return Arbitraries.of("null", "1", "-1", "1e400", "true", "\"deploy\"", "\"2026-06-01T10:00:00Z\"",
        "\"1969-12-31T23:59:59Z\"", "\"9999-01-01T00:00:00Z\"", "\"\"", "[]", "[{}]", "[{\"href\":1}]",
        "{}", "{\"a\":{}}", "{\"type\":\"rollback\",\"targets\":{\"r\":1}}", "\"feature_flag\"");
  }

  @Property(tries = 50)
  void validTracesStillDecodeToEverySpan(@ForAll @IntRange(min = 1, max = 300) int spans) {
    ExportTraceServiceRequest req = new SyntheticSpans(spans)
        .batch(spans, Instant.parse("2026-06-01T11:00:00Z").toEpochMilli() * 1_000_000L);
    Decoded d = OTLP.protobuf(OtlpSignal.TRACES, req.toByteArray());
    assertThat(d.batch().spans()).hasSize(spans);
    assertThat(d.rejected()).isZero();
  }
}
