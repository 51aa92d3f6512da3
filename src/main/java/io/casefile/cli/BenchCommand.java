package io.casefile.cli;

import io.casefile.store.Measured;
import io.casefile.bench.IngestBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Measure Casefile's speed.", subcommands = {BenchCommand.Ingest.class, InvestigateBenchCommand.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "ingest", description = "Sustained OTLP/HTTP protobuf ingest into a file-backed store, "
      + "from this process into a child 'casefile serve'; also decode-only throughput.")
  static final class Ingest implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "60", description = "Measured duration (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--connections", defaultValue = "4", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--batch", defaultValue = "512", description = "Spans per request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--data", description = "Data directory for the server (default: a new temporary one).")
    Path data;

    @Option(names = "--server-heap", defaultValue = "1g", description = "Server -Xmx (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--settle", defaultValue = "0", description = "Seconds to wait after the load before reading the "
        + "server's RSS again (default: ${DEFAULT-VALUE}: not measured).")
    int settle;

    @Option(names = "--rate", defaultValue = "0", description = "Spans per second offered by all connections together "
        + "(default: ${DEFAULT-VALUE}: as fast as the server answers).")
    int rate;

    @Option(names = "--server-jvm-option", description = "Extra JVM option for the server (repeatable), e.g. a JFR recording.")
    List<String> serverOptions = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
      if (seconds < 1 || connections < 1 || batch < 1 || warmup < 0 || rate < 0) {
        throw new IllegalArgumentException("--seconds, --connections and --batch must be positive, --warmup and "
            + "--rate not negative");
      }
      Path dir = data == null ? Files.createTempDirectory("casefile-bench") : data;
      IngestBenchmark.run(new IngestBenchmark.Settings(seconds, warmup, connections, batch, dir,
          java.util.stream.Stream.concat(java.util.stream.Stream.of("-Xmx" + heap), serverOptions.stream()).toList(),
          settle, rate),
          System.out);
      return 0;
    }
  }
}
