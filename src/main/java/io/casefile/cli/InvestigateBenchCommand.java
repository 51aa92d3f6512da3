package io.casefile.cli;

import io.casefile.bench.InvestigationBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "investigate", description = "Investigation latency over a file-backed store with N request events "
    + "in the window, against DuckDB's raw scan of the same columns.")
final class InvestigateBenchCommand implements Callable<Integer> {
  @Option(names = "--requests", split = ",", defaultValue = "1000000,10000000",
      description = "Request events in the window, one run each (default: ${DEFAULT-VALUE}).")
  List<Long> requests;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed runs after a warm-up; the median is shown.")
  int repeats;

  @Override
  public Integer call() throws Exception {
    if (repeats < 1 || requests.stream().anyMatch(r -> r < 1000)) {
      throw new IllegalArgumentException("--repeats must be >= 1 and --requests >= 1000");
    }
    System.out.printf(Locale.ROOT, "%-12s %14s %14s  %s%n", "requests", "investigate s", "raw scan s", "result");
    for (long n : requests) {
      Path dir = Files.createTempDirectory("casefile-bench-investigate");
      var r = InvestigationBenchmark.run(dir, n, repeats, System.out);
      System.out.printf(Locale.ROOT, "%-12s %14.3f %14.3f  %s%n", String.format(Locale.ROOT, "%,d", n),
          r.investigateSeconds(), r.scanSeconds(), r.headline());
    }
    return 0;
  }
}
