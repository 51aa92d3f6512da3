package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.store.DuckDbStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The process CPU of one SLO availability evaluation over a file-backed store of N request spans
 * in 6 h 10 min (ten flows, 0.5% failing): the direct 6-hour window query against the rollup's
 * first read and its steady-state reads every 10 s. Run with
 * {@code ./mvnw -o -B test -Dtest=SloEvaluationBenchmark -Dcasefile.bench.slo=4000000}.
 */
@EnabledIfSystemProperty(named = "casefile.bench.slo", matches = "\\d+")
class SloEvaluationBenchmark {
  static final Instant START = Instant.parse("2026-03-01T06:00:00Z");

  @Test
  void evaluationCpu() throws Exception {
    long n = Long.parseLong(System.getProperty("casefile.bench.slo"));
    Path dir = Files.createTempDirectory("slo-bench");
    List<Duration> windows = new MultiWindowBurnRate().windows();
    try (DuckDbStore store = DuckDbStore.openDirectory(dir)) {
      long spanUs = Duration.ofHours(6).plusMinutes(10).toNanos() / 1000;
      try (Connection c = store.connection(); Statement st = c.createStatement()) {
        st.execute("INSERT INTO spans (trace_id, span_id, parent_span_id, start_time, duration_us, kind, name, status,"
            + " service, operation, is_request, is_error)"
            + " SELECT uuid(), i::UBIGINT, NULL, TIMESTAMP '2026-03-01 06:00:00' + to_microseconds((i * " + spanUs
            + " // " + n + ")::BIGINT), 20000, 2, 'GET /op' || (i % 10), 0, 'svc' || (i % 10), 'GET /op' || (i % 10),"
            + " true, hash(i) % 1000 < 5 FROM range(" + n + ") t(i)");
        st.execute("CHECKPOINT");
      }
      Instant now = START.plus(Duration.ofHours(6));
      int reps = 60;
      store.withReader(r -> SloCounts.read(r, windows, now, null, null));
      double direct = cpu(() -> {
        for (int i = 1; i <= reps; i++) {
          Instant t = now.plusSeconds(10L * i);
          store.withReader(r -> SloCounts.read(r, windows, t, null, null));
        }
      }) / reps;
      SloRollup rollup = new SloRollup();
      double first = cpu(() -> store.withReader(r -> rollup.read(r, windows, now)));
      double rolled = cpu(() -> {
        for (int i = 1; i <= reps; i++) {
          Instant t = now.plusSeconds(10L * i);
          store.withReader(r -> rollup.read(r, windows, t));
        }
      }) / reps;
      Instant end = now.plusSeconds(10L * reps);
      assertThat(store.withReader(r -> rollup.read(r, windows, end)).rows())
          .isEqualTo(store.withReader(r -> SloCounts.read(r, windows, end, null, null)).rows());
      System.out.printf(Locale.ROOT, "SLO evaluation over %,d spans: direct %.4f CPU-s (mean of %d), rollup first"
          + " read %.4f CPU-s, rollup every 10 s %.4f CPU-s (mean of %d); %d buckets held%n", n, direct, reps, first,
          rolled, reps, rollup.buckets());
    }
  }

  private static double cpu(Runnable r) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long before = os.getProcessCpuTime();
    r.run();
    return (os.getProcessCpuTime() - before) / 1e9;
  }
}
