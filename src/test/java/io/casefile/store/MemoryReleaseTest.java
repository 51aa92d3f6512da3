package io.casefile.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.ingest.IngestLimits;
import io.casefile.ingest.OtlpDecoder;
import io.casefile.ingest.OtlpSignal;
import io.casefile.bench.SyntheticSpans;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryReleaseTest {
  @TempDir Path dir;

  private static TelemetryBatch batch(int seed, int spans) {
    var decoder = new OtlpDecoder(IngestLimits.DEFAULT, InstantSource.system());
    long t0 = Instant.now().minusSeconds(600).toEpochMilli() * 1_000_000L;
    return decoder.protobuf(OtlpSignal.TRACES, new SyntheticSpans(seed).batch(spans, t0).toByteArray()).batch();
  }

  private static long count(DuckDbStore s) {
    return s.read(c -> Queries.list(c, "SELECT count(*) FROM spans", List.of(), rs -> rs.getLong(1)).get(0));
  }

  @Test
  void releasingHandsCachedBlocksBackAndRestoresTheLimit() {
    try (DuckDbStore s = DuckDbStore.openDirectory(dir)) {
      s.limitMemory(256L << 20);
      String limit = s.memoryLimit();
      TelemetryBatch b = batch(1, 2_048);
      for (int i = 0; i < 8; i++) {
        s.write(List.of(b), Instant.now());
      }
      s.read(c -> Queries.list(c, "SELECT service, count(DISTINCT \"client.address\") FROM spans GROUP BY ALL", List.of(),
          rs -> rs.getString(1)));

      DuckDbStore.Released r = s.releaseMemory();

      assertThat(r.afterBytes()).isLessThanOrEqualTo(Math.max(r.beforeBytes(), 32L << 20));
      assertThat(s.memoryLimit()).isEqualTo(limit);
      assertThat(count(s)).isEqualTo(8 * 2_048);
      s.write(List.of(batch(99, 512)), Instant.now());
      assertThat(count(s)).isEqualTo(8 * 2_048 + 512);
    }
  }

  @Test
  void anInMemoryStoreKeepsItsBlocks() {
    try (DuckDbStore s = DuckDbStore.inMemory()) {
      s.limitMemory(256L << 20);
      s.write(List.of(batch(2, 512)), Instant.now());
      DuckDbStore.Released r = s.releaseMemory();
      assertThat(r.afterBytes()).isEqualTo(r.beforeBytes());
      assertThat(count(s)).isEqualTo(512);
    }
  }

  @Test
  void withoutALimitNothingChanges() {
    try (DuckDbStore s = DuckDbStore.openDirectory(dir)) {
      String limit = s.memoryLimit();
      DuckDbStore.Released r = s.releaseMemory();
      assertThat(r.afterBytes()).isEqualTo(r.beforeBytes());
      assertThat(s.memoryLimit()).isEqualTo(limit);
    }
  }

  @Test
  void readsAndWritesRunningWhileMemoryIsReleasedAllSucceedAndKeepEveryRow() throws Exception {
    try (DuckDbStore s = DuckDbStore.openDirectory(dir)) {
      s.limitMemory(256L << 20);
      String limit = s.memoryLimit();
      TelemetryBatch b = batch(7, 512);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger releases = new AtomicInteger();
      AtomicInteger reads = new AtomicInteger();
      var failures = new ConcurrentLinkedQueue<Throwable>();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            for (int i = 0; i < 8; i++) {
              s.write(List.of(b), Instant.now());
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      for (int r = 0; r < 2; r++) {
        threads.add(Thread.ofPlatform().start(() -> {
          while (writing.get()) {
            try {
              s.read(c -> Queries.list(c, "SELECT operation, quantile_cont(duration_us, 0.99), count(DISTINCT trace_id) "
                  + "FROM spans GROUP BY ALL", List.of(), rs -> rs.getString(1)));
              reads.incrementAndGet();
            } catch (Throwable e) {
              failures.add(e);
            }
          }
        }));
      }
      Thread releaser = Thread.ofPlatform().start(() -> {
        while (writing.get()) {
          try {
            s.releaseMemory();
            releases.incrementAndGet();
          } catch (Throwable e) {
            failures.add(e);
          }
        }
      });
      for (Thread t : threads.subList(0, 2)) {
        t.join();
      }
      writing.set(false);
      for (Thread t : threads) {
        t.join();
      }
      releaser.join();

      assertThat(failures).isEmpty();
      assertThat(releases.get()).isPositive();
      assertThat(reads.get()).isPositive();
      assertThat(count(s)).isEqualTo(2 * 8 * 512);
      assertThat(s.memoryLimit()).isEqualTo(limit);
    }
  }
}
