package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.alerts.AlertSettings;
import io.casefile.bench.SyntheticSpans;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The server's own SLO evaluation (every 10 s) reads what the store holds and never passes the
 * read barrier, which would make the loader commit a part of a row group and wait for it; an
 * explicit evaluation still sees everything acknowledged.
 */
class SloStoredEvaluationTest {
  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  void theBackgroundEvaluationDoesNotWaitForTheLoaderAndAnExplicitOneDoes() throws Exception {
    try (var server = CasefileServer.start(ServerConfig.ephemeral(null).withRetention(null)
        .withClock(InstantSource.fixed(NOW)), AlertSettings.DEFAULTS.withEvaluationInterval(null))) {
      long start = NOW.minusSeconds(120).toEpochMilli() * 1_000_000L;
      byte[] body = new SyntheticSpans(42).batch(512, start).toByteArray();
      assertThat(TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", body).statusCode())
          .isEqualTo(200);
      server.store().withReader(r -> null); // passes the read barrier: everything acknowledged is loaded
      AtomicInteger barriers = new AtomicInteger();
      server.store().setReadBarrier(barriers::incrementAndGet);

      server.slos().evaluateStored(NOW);
      assertThat(barriers).as("read barriers passed by the stored evaluation").hasValue(0);

      server.slos().evaluate(NOW.plusSeconds(10));
      assertThat(barriers.get()).as("read barriers passed by an explicit evaluation").isPositive();
    }
  }
}
