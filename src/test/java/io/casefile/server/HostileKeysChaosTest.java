package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.casefile.ingest.Quarantine;
import io.casefile.store.SpanAttributes;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent ingest with hostile attribute keys (case variants, empty, NUL, very long, over 10,000
 * distinct), SIGKILL at a seeded random moment, restart: the server starts, and every acknowledged
 * span is stored or quarantined with its reason — none is missing.
 */
class HostileKeysChaosTest {
  static final int SPANS = 200;
  static final int JUNK_PER_SPAN = 3;

  @TempDir Path dir;

  static ExportTraceServiceRequest batch(int sender, int b, long t0) {
    Resource.Builder res = Resource.newBuilder()
        .addAttributes(HostileKeysTest.kv("service.name", "svc" + sender))
        .addAttributes(HostileKeysTest.kv("Host.Name", "H")).addAttributes(HostileKeysTest.kv("host.name", "h"));
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int j = 0; j < SPANS; j++) {
      long id = ((long) sender << 40) | ((long) b << 20) | (j + 1);
      Span.Builder s = Span.newBuilder()
          .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(sender + 1).putLong(id).array()))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
          .setName("GET /x").setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(t0 + b * 1_000_000_000L + j).setEndTimeUnixNano(t0 + b * 1_000_000_000L + j + 1_000_000)
          .addAttributes(HostileKeysTest.kv("Foo", "F")).addAttributes(HostileKeysTest.kv("foo", "f"))
          .addAttributes(HostileKeysTest.kv("Name", "N")).addAttributes(HostileKeysTest.kv("name", "n"))
          .addAttributes(HostileKeysTest.kv("attr.name", "a")).addAttributes(HostileKeysTest.kv("", "empty"))
          .addAttributes(HostileKeysTest.kv("nul\0key", "z")).addAttributes(HostileKeysTest.kv("L".repeat(2_000), "long"));
      for (int k = 0; k < JUNK_PER_SPAN; k++) {
        s.addAttributes(HostileKeysTest.kv("junk." + sender + "." + b + "." + j + "." + k, "v"));
      }
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(res).addScopeSpans(scope)).build();
  }

  static Set<Long> spanIds(ExportTraceServiceRequest r) {
    Set<Long> ids = new HashSet<>();
    r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss ->
        ss.getSpansList().forEach(s -> ids.add(s.getSpanId().asReadOnlyByteBuffer().getLong()))));
    return ids;
  }

  @Test
  void everyAcknowledgedSpanIsStoredOrQuarantinedAfterKillDashNine() throws Exception {
    int killAfter = 3_600 + new Random(20261206).nextInt(2_400); // spans acknowledged before the kill
    Process server = KillDurabilityTest.startServer(dir);
    Set<Long> acked = new HashSet<>();
    try {
      URI otlp = KillDurabilityTest.awaitOtlp(server);
      long t0 = Instant.now().minusSeconds(900).toEpochMilli() * 1_000_000L;
      List<Thread> senders = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int sender = c;
        senders.add(Thread.ofPlatform().start(() -> {
          for (int b = 0; b < 40; b++) {
            ExportTraceServiceRequest req = batch(sender, b, t0);
            try {
              var r = TestHttp.post(otlp, "/v1/traces", "application/x-protobuf", req.toByteArray());
              if (r.statusCode() == 200) {
                synchronized (acked) {
                  acked.addAll(spanIds(req));
                }
              }
            } catch (RuntimeException e) {
              return; // the server is gone
            }
          }
        }));
      }
      while (true) {
        synchronized (acked) {
          if (acked.size() >= killAfter) {
            break;
          }
        }
        Thread.sleep(2);
      }
      server.destroyForcibly(); // SIGKILL on Linux
      server.waitFor(30, TimeUnit.SECONDS);
      for (Thread t : senders) {
        t.join();
      }
    } finally {
      server.destroyForcibly();
    }
    Set<Long> ackedCopy;
    synchronized (acked) {
      ackedCopy = new HashSet<>(acked);
    }
    assertThat(ackedCopy.size() * JUNK_PER_SPAN).as("distinct junk keys acknowledged").isGreaterThanOrEqualTo(10_000);

    Set<Long> quarantined = new HashSet<>();
    for (Quarantine.Item item : Quarantine.open(dir.resolve("quarantine")).items()) {
      assertThat(item.reason()).isNotBlank();
      quarantined.addAll(spanIds(ExportTraceServiceRequest.parseFrom(item.entry().body())));
    }
    Set<Long> stored = new HashSet<>();
    long[] hostileIntact = {0};
    try (CasefileServer reopened = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      reopened.store().read(c -> {
        SpanAttributes a = SpanAttributes.read(c);
        String intact = a.expression("Host.Name") + " = 'H' AND " + a.expression("host.name") + " = 'h' AND "
            + a.expression("Foo") + " = 'F' AND " + a.expression("foo") + " = 'f' AND " + a.expression("name") + " = 'n' AND "
            + a.expression("Name") + " = 'N' AND " + a.expression("") + " = 'empty' AND " + a.expression("nul\0key")
            + " = 'z' AND " + a.expression("L".repeat(2_000)) + " = 'long'";
        try (var st = c.createStatement();
            var rs = st.executeQuery("SELECT span_id::VARCHAR, " + intact + " FROM spans")) {
          while (rs.next()) {
            stored.add(Long.parseUnsignedLong(rs.getString(1)));
            hostileIntact[0] += rs.getBoolean(2) ? 1 : 0;
          }
          return null;
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(TestHttp.json(TestHttp.get(reopened.apiUri(), "/api/v1/health")).get("quarantined_requests").asLong())
          .isEqualTo(quarantined.isEmpty() ? 0 : quarantined.size() / SPANS);
    }
    Set<Long> missing = new HashSet<>(ackedCopy);
    missing.removeAll(stored);
    missing.removeAll(quarantined);
    assertThat(missing).as("acknowledged spans neither stored nor quarantined").isEmpty();
    assertThat(hostileIntact[0]).as("stored spans with every hostile key intact").isEqualTo(stored.size());
  }
}
