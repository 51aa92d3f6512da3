package io.casefile.logs;

import io.casefile.eval.LoghubEvaluation;
import io.casefile.ingest.LogTemplater;
import io.casefile.store.DuckDbStore;
import io.casefile.store.LogRow;
import io.casefile.store.Schemas;
import io.casefile.store.TelemetryBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whole-process measurement of what template mining adds to the logs ingest path (see
 * BENCHMARKS.md): the writer thread's work per group (assign templates, then one transaction of
 * appends and COMMIT into a DuckDB file), with and without the miner.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.casefile.logs.LogIngestBenchmark DIR ROWS}.
 * Not a test.
 */
public final class LogIngestBenchmark {
  private LogIngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/loghub-2k");
    int total = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
    int group = 8_192;
    List<String> bodies = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(dir)) {
      for (Path d : dirs.sorted().toList()) {
        Path csv = d.resolve(d.getFileName() + "_2k.log_structured_corrected.csv");
        if (Files.isRegularFile(csv)) {
          bodies.addAll(LoghubEvaluation.contents(csv));
        }
      }
    }
    long t0 = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    List<LogRow> rows = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      long micros = t0 + i * 1_000L;
      rows.add(new LogRow(micros, micros, 9, "INFO", bodies.get(i % bodies.size()), "svc-" + (i % 8),
          0x1234L, i + 1L, i + 1L, null, Map.of("k", "v")));
    }
    for (int round = 0; round < 3; round++) {
      io.casefile.analysis.logs.LogTemplateMiner alone = new io.casefile.analysis.logs.LogTemplateMiner();
      long m0 = System.nanoTime();
      for (LogRow r : rows) {
        alone.add(r.body());
      }
      long minedNanos = System.nanoTime() - m0;
      System.out.printf(Locale.ROOT, "round %d %-12s %,9.0f rows/s  (%.1f us/row)%n", round, "mining only",
          total / (minedNanos / 1e9), minedNanos / 1e3 / total);
      for (boolean mine : new boolean[] {false, true}) {
        Path tmp = Files.createTempDirectory("casefile-bench");
        try (DuckDbStore store = DuckDbStore.open(tmp.resolve("casefile.duckdb"), Schemas.all())) {
          LogTemplater templater = mine ? StoreLogTemplater.open(store) : logs -> logs;
          long assignNanos = 0;
          long start = System.nanoTime();
          for (int from = 0; from < total; from += group) {
            List<LogRow> batch = rows.subList(from, Math.min(total, from + group));
            long a = System.nanoTime();
            List<LogRow> assigned = templater.assign(batch);
            assignNanos += System.nanoTime() - a;
            store.write(List.of(new TelemetryBatch(List.of(), assigned, List.of())), Instant.EPOCH);
          }
          double secs = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "round %d %-12s %,9.0f rows/s  (%d rows, %.2f s; of which mining and"
              + " template upserts %.2f s = %.1f us/row)%n", round, mine ? "with miner" : "without", total / secs,
              total, secs, assignNanos / 1e9, assignNanos / 1e3 / total);
        } finally {
          try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
    }
  }
}
