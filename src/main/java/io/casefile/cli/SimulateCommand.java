package io.casefile.cli;

import io.casefile.demo.GroundTruth;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioFolder;
import io.casefile.demo.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "simulate",
    description = "Write a demo scenario's OTLP payloads, change events and ground truth to files.")
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--scenario", required = true, paramLabel = "NAME|all",
      description = "bad-deploy, flag-rollout, config-change, third-party-outage, traffic-surge, red-herring, "
          + "two-changes, or all.")
  String scenario;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Folder to write into; each scenario gets DIR/NAME (which must be empty or absent).")
  Path out;

  @Option(names = "--seed", description = "Random seed; the same seed gives byte-identical files (default ${DEFAULT-VALUE}).")
  long seed = SimulationOptions.DEFAULT_SEED;

  @Mixin
  Timeline timeline;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
    }
    for (Scenario s : scenarios(scenario)) {
      SimulationOptions options = timeline.options(seed);
      Path dir = out.resolve(s.id());
      long t0 = System.nanoTime();
      GroundTruth truth = ScenarioFolder.write(s, options, dir);
      long files;
      long bytes;
      try (var list = Files.list(dir.resolve("payloads"))) {
        var sizes = list.mapToLong(p -> p.toFile().length()).summaryStatistics();
        files = sizes.getCount();
        bytes = sizes.getSum();
      }
      System.out.printf(Locale.ROOT, "%-19s %5d payloads %6.1f MB  %d changes  onset %s  %.1f s  -> %s%n", s.id(),
          files, bytes / 1e6, truth.changeIds().size(), truth.onset(), (System.nanoTime() - t0) / 1e9, dir);
    }
    return 0;
  }

  static List<Scenario> scenarios(String name) {
    return "all".equalsIgnoreCase(name.trim()) ? List.of(Scenario.values()) : List.of(Scenario.byName(name));
  }

  /** Options that lay a scenario out on the simulated clock; shared by simulate and demo. */
  static final class Timeline {
    @Option(names = "--start", paramLabel = "RFC3339",
        description = "Start of the data, for fixed, reproducible times (default: the data ends now).")
    String start;

    @Option(names = "--baseline", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Healthy time before the scenario's change or fault, e.g. 60m (default 60m).")
    Duration baseline = SimulationOptions.DEFAULT_BASELINE;

    @Option(names = "--incident", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Time from the change or fault to the end of the data (default 15m).")
    Duration incident = SimulationOptions.DEFAULT_INCIDENT;

    @Option(names = "--rate", paramLabel = "N", description = "Mean user requests per second entering the shop (default 6).")
    double rate = SimulationOptions.DEFAULT_RATE;

    SimulationOptions options(long seed) {
      if (start == null) {
        return SimulationOptions.endingAt(Instant.now(), seed, baseline, incident, rate);
      }
      try {
        return new SimulationOptions(seed, Instant.parse(start), baseline, incident, rate);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--start must be an RFC 3339 time like 2026-01-01T12:00:00Z, got " + start);
      }
    }
  }

  /** Parses durations like {@code 90s}, {@code 20m}, {@code 1h}, {@code 1h30m}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return io.casefile.model.Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
