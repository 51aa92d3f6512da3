package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.bench.SyntheticSpans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 means durable: SIGKILL the server mid-stream, reopen the directory, every acked span is there. */
class KillDurabilityTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedSpanSurvivesKillDashNine() throws Exception {
    Process server = startServer(dir);
    Set<Long> acked = new HashSet<>();
    try {
      URI otlp = awaitOtlp(server);
      SyntheticSpans gen = new SyntheticSpans(7);
      long t0 = Instant.now().minusSeconds(300).toEpochMilli() * 1_000_000L;
      List<Thread> senders = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        List<ExportTraceServiceRequest> batches = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          batches.add(gen.batch(200, t0 + (c * 25L + i) * 1_000_000_000L));
        }
        senders.add(Thread.ofPlatform().start(() -> {
          for (ExportTraceServiceRequest b : batches) {
            try {
              var r = TestHttp.post(otlp, "/v1/traces", "application/x-protobuf", b.toByteArray());
              if (r.statusCode() == 200) {
                synchronized (acked) {
                  b.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss ->
                      ss.getSpansList().forEach(s -> acked.add(s.getSpanId().asReadOnlyByteBuffer().getLong()))));
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
          if (acked.size() >= 2_000) {
            break;
          }
        }
        Thread.sleep(5);
      }
      server.destroyForcibly(); // SIGKILL on Linux
      server.waitFor(30, TimeUnit.SECONDS);
      for (Thread t : senders) {
        t.join();
      }
    } finally {
      server.destroyForcibly();
    }
    Set<Long> stored = new HashSet<>();
    try (CasefileServer reopened = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      reopened.store().read(c -> {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT span_id::VARCHAR FROM spans")) {
          while (rs.next()) {
            stored.add(Long.parseUnsignedLong(rs.getString(1)));
          }
          return null;
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
    }
    Set<Long> ackedCopy;
    synchronized (acked) {
      ackedCopy = new HashSet<>(acked);
    }
    assertThat(ackedCopy).hasSizeGreaterThanOrEqualTo(2_000);
    assertThat(stored).containsAll(ackedCopy);
  }

  static Process startServer(Path dir) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), "io.casefile.cli.Main", "serve", "--data", dir.toString(),
        "--otlp-port", "0", "--port", "0")).redirectErrorStream(true).start();
  }

  static URI awaitOtlp(Process server) throws Exception {
    var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      int at = line.indexOf("OTLP on ");
      if (at >= 0) {
        Thread.ofPlatform().daemon().start(() -> reader.lines().forEach(l -> { }));
        return URI.create(line.substring(at + 8, line.indexOf(' ', at + 8)));
      }
    }
    throw new IllegalStateException("the server exited before listening");
  }
}
