package io.casefile.analysis.logs;

import io.casefile.eval.LoghubEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whole-process measurement of mining throughput on one thread (see BENCHMARKS.md):
 * {@code java -cp target/classes:target/test-classes io.casefile.analysis.logs.MinerBenchmark DIR}
 * where DIR holds Loghub-style system folders. Not a test.
 */
public final class MinerBenchmark {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private MinerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/loghub-2k");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<List<String>> systems = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(dir)) {
      for (Path d : dirs.sorted().toList()) {
        Path csv = d.resolve(d.getFileName() + "_2k.log_structured_corrected.csv");
        if (Files.isRegularFile(csv)) {
          systems.add(LoghubEvaluation.contents(csv));
        }
      }
    }
    long lines = systems.stream().mapToLong(List::size).sum();
    // Cold: a fresh miner per system, every template learnt from scratch (the benchmark setting).
    // Warm: the same miners again, all templates known (steady-state ingest).
    for (int round = 0; round < rounds; round++) {
      List<LogTemplateMiner> miners = new ArrayList<>();
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (List<String> s : systems) {
        LogTemplateMiner m = new LogTemplateMiner();
        for (String line : s) {
          m.add(line);
        }
        miners.add(m);
      }
      long t1 = System.nanoTime();
      long c1 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < systems.size(); i++) {
        LogTemplateMiner m = miners.get(i);
        for (String line : systems.get(i)) {
          m.add(line);
        }
      }
      long t2 = System.nanoTime();
      long c2 = CPU.getCurrentThreadCpuTime();
      if (round >= rounds / 2) { // the first half warms the JIT
        System.out.printf(Locale.ROOT,
            "round %d: cold %,.0f lines/s (per CPU second %,.0f)  warm %,.0f lines/s (per CPU second %,.0f)  %d lines%n",
            round, lines / ((t1 - t0) / 1e9), lines / ((c1 - c0) / 1e9), lines / ((t2 - t1) / 1e9),
            lines / ((c2 - c1) / 1e9), lines);
      }
    }
  }
}
