package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.bench.SyntheticSpans;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleMemoryReleaseTest {
  @TempDir Path dir;

  private static long requests(CasefileServer server, Instant from) {
    JsonNode flows = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/flows?from=" + from));
    long n = 0;
    for (JsonNode f : flows.get("flows")) {
      n += f.get("requests").asLong();
    }
    return n;
  }

  private static void awaitRuns(CasefileServer server, long runs) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.ingestQueue().idleRuns() < runs && System.nanoTime() < until) {
      Thread.sleep(20);
    }
  }

  @Test
  void onceIngestGoesIdleMemoryIsHandedBackOncePerLoadAndReadsStillSeeEverything() throws Exception {
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      String limit = server.store().memoryLimit();
      AtomicInteger released = new AtomicInteger();
      var release = new IdleMemoryRelease(server.store());
      server.ingestQueue().whenIdle(Duration.ZERO, 1, () -> {
        release.run();
        released.incrementAndGet();
      });
      Instant t0 = Instant.now().minusSeconds(120);
      long nanos = t0.getEpochSecond() * 1_000_000_000L;
      var gen = new SyntheticSpans(3);
      for (int i = 0; i < 4; i++) {
        var r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf",
            gen.batch(1_024, nanos + i * 1_000_000_000L).toByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
      }
      awaitRuns(server, 1);
      long runs = server.ingestQueue().idleRuns();
      assertThat(runs).isPositive();
      assertThat(released.get()).isEqualTo(runs);
      assertThat(requests(server, t0.minusSeconds(60))).isEqualTo(4 * 1_024);

      Thread.sleep(300); // idle, with nothing new loaded: the hook does not run again
      assertThat(server.ingestQueue().idleRuns()).isEqualTo(runs);

      var r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf",
          gen.batch(512, nanos + 10_000_000_000L).toByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      awaitRuns(server, runs + 1);
      assertThat(released.get()).isEqualTo(runs + 1);
      assertThat(requests(server, t0.minusSeconds(60))).isEqualTo(4 * 1_024 + 512);
      assertThat(server.store().memoryLimit()).isEqualTo(limit);

      // a trickle below the rows a release waits for does not run it
      server.ingestQueue().whenIdle(Duration.ZERO, 1_000_000, released::incrementAndGet);
      r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf",
          gen.batch(256, nanos + 20_000_000_000L).toByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(requests(server, t0.minusSeconds(60))).isEqualTo(4 * 1_024 + 512 + 256);
      Thread.sleep(300);
      assertThat(server.ingestQueue().idleRuns()).isEqualTo(runs + 1);
    }
  }
}
