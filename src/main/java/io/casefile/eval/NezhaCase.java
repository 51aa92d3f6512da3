package io.casefile.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.demo.Payload;
import io.casefile.model.TimeRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Nezha fault replayed as its SOURCE.md protocol says: the pods' minute metrics from 30 minutes
 * before the injection minute, the day's fault-free minute shifted to end where the injection minute
 * starts, then the injection minute and the two after it (those present); asked one question with
 * no flow and no signal over the shifted normal minute to the end of the last fault minute.
 */
record NezhaCase(NezhaFault fault, List<String> ranked, int rank, long millis, JsonNode answer) {
  static final Duration METRIC_LOOKBACK = Duration.ofMinutes(30);

  /** The fault's trace minute files; empty when upstream holds none (the fault is skipped). */
  static List<Path> faultMinutes(NezhaFault f, String signal) {
    Instant minute = f.injectedAt().truncatedTo(ChronoUnit.MINUTES);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LocalDateTime t = LocalDateTime.ofInstant(minute.plus(Duration.ofMinutes(i)), ZoneOffset.UTC);
      Path p = f.day().resolve(signal).resolve(String.format("%02d_%02d_%s.csv.gz", t.getHour(), t.getMinute(), signal));
      if (Files.isRegularFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  static NezhaCase run(NezhaFault f) throws IOException {
    long t0 = System.nanoTime();
    Instant minute = f.injectedAt().truncatedTo(ChronoUnit.MINUTES);
    List<Path> traces = faultMinutes(f, "trace");
    Instant end = minuteOf(traces.get(traces.size() - 1), minute).plus(Duration.ofMinutes(1));
    Path construct = f.day().getParent().getParent().resolve("construct_data").resolve(f.day().getFileName());
    Path normalTrace = first(construct.resolve("trace"));
    Instant from = minute;
    long shift = 0;
    if (normalTrace != null) {
      Instant normalStart = minuteOf(normalTrace, minute);
      from = minute.minus(Duration.ofMinutes(1));
      shift = nanos(Duration.between(normalStart, from));
    }
    List<Payload> payloads = new ArrayList<>();
    try (Stream<Path> s = Files.list(f.day().resolve("metric"))) {
      for (Path m : s.filter(p -> p.getFileName().toString().endsWith("_metric.csv.gz")).sorted().toList()) {
        NezhaOtlp.metrics(m, minute.minus(METRIC_LOOKBACK).getEpochSecond(), end.getEpochSecond(), payloads::add);
      }
    }
    List<NezhaOtlp.Row> rows = new ArrayList<>();
    if (normalTrace != null) {
      rows.addAll(NezhaOtlp.spans(normalTrace, shift));
      Path normalLog = first(construct.resolve("log"));
      if (normalLog != null) {
        NezhaOtlp.logs(normalLog, shift, payloads::add);
      }
    }
    for (Path p : traces) {
      rows.addAll(NezhaOtlp.spans(p, 0));
    }
    NezhaOtlp.traces(rows, payloads::add);
    for (Path p : faultMinutes(f, "log")) {
      NezhaOtlp.logs(p, 0, payloads::add);
    }
    JsonNode answer = ReplayedCase.investigate(payloads, new TimeRange(from, end), null);
    List<String> ranked = ReplayedCase.rankedServices(answer);
    return new NezhaCase(f, ranked, ReplayedCase.rank(ranked, f.service()), (System.nanoTime() - t0) / 1_000_000, answer);
  }

  /** The start of the minute a {@code HH_MM_*.csv.gz} file holds, on the day of {@code day}. */
  private static Instant minuteOf(Path file, Instant day) {
    String name = file.getFileName().toString();
    int hour = Integer.parseInt(name.substring(0, 2));
    int min = Integer.parseInt(name.substring(3, 5));
    return day.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(min));
  }

  private static Path first(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().findFirst().orElse(null);
    }
  }

  private static long nanos(Duration d) {
    return d.getSeconds() * 1_000_000_000L + d.getNano();
  }
}
