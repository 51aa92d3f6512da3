package io.casefile.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.SplittableRandom;

/**
 * Deterministic OTLP trace batches shaped like real HTTP services (4 resources, SERVER spans with
 * about 15 attributes, some 500s): the load generator's and the tests' input.
 */
public final class SyntheticSpans {
  private static final String[] SERVICES = {"checkout", "payments", "catalog", "frontend"};
  private static final String[] ROUTES = {"/checkout", "/pay", "/items/{id}", "/cart", "/search"};
  private static final String[] METHODS = {"GET", "POST"};
  private static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};

  private final SplittableRandom random;

  public SyntheticSpans(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A request of {@code spans} spans spread over 4 resources, starting near {@code startNanos}. */
  public ExportTraceServiceRequest batch(int spans, long startNanos) {
    var req = ExportTraceServiceRequest.newBuilder();
    int perResource = Math.max(1, spans / SERVICES.length);
    int made = 0;
    for (int r = 0; r < SERVICES.length && made < spans; r++) {
      var scope = ScopeSpans.newBuilder();
      int n = r == SERVICES.length - 1 ? spans - made : Math.min(perResource, spans - made);
      for (int i = 0; i < n; i++) {
        scope.addSpans(span(startNanos + (made + i) * 1_000_000L));
      }
      made += n;
      req.addResourceSpans(ResourceSpans.newBuilder()
          .setResource(Resource.newBuilder()
              .addAttributes(kv("service.name", SERVICES[r]))
              .addAttributes(kv("service.version", "1." + r + ".0"))
              .addAttributes(kv("deployment.environment.name", "production"))
              .addAttributes(kv("host.name", "host-" + r)))
          .addScopeSpans(scope));
    }
    return req.build();
  }

  private Span span(long startNanos) {
    byte[] trace = new byte[16];
    byte[] id = new byte[8];
    fill(trace);
    fill(id);
    String route = ROUTES[random.nextInt(ROUTES.length)];
    String method = METHODS[random.nextInt(METHODS.length)];
    boolean fail = random.nextInt(100) < 2;
    int status = fail ? 500 : 200;
    var b = Span.newBuilder()
        .setTraceId(ByteString.copyFrom(trace))
        .setSpanId(ByteString.copyFrom(id))
        .setName(method + " " + route)
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(startNanos)
        .setEndTimeUnixNano(startNanos + 1_000_000L + random.nextInt(50_000_000))
        .addAttributes(kv("http.route", route))
        .addAttributes(kv("http.request.method", method))
        .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
            .setValue(AnyValue.newBuilder().setIntValue(status)))
        .addAttributes(kv("url.scheme", "https"))
        .addAttributes(kv("server.address", "shop.example.com"))
        .addAttributes(kv("network.protocol.version", "1.1"))
        .addAttributes(kv("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)"))
        .addAttributes(kv("client.address", "10.0." + random.nextInt(4) + "." + random.nextInt(250)))
        .addAttributes(kv("region", REGIONS[random.nextInt(REGIONS.length)]))
        .addAttributes(kv("payment_method", random.nextBoolean() ? "card" : "pix"))
        .addAttributes(kv("customer.tier", random.nextInt(10) == 0 ? "gold" : "standard"));
    if (fail) {
      b.addAttributes(kv("error.type", "500"))
          .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    return b.build();
  }

  private void fill(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    bytes[0] |= 1;
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
