package io.casefile.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.demo.Payload;
import io.casefile.model.TimeRange;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code casefile eval --dataset rcd-sockshop --data DIR}: the RCD Sock Shop metrics (RCAEval's
 * "Sock Shop 1"). Each case's fault-free window is replayed as OTLP gauges ({@code <service>_<metric>}
 * columns: resource {@code service.name}, metric name the rest) shifted to end where the anomalous
 * window starts, then the anomalous window; one question with no flow and no signal over both, with
 * the fault-free window as the explicit baseline. Prints AC@1, AC@3 and Avg@5 per fault type beside
 * BARO's published Avg@5; last line {@code Avg@5 <v>}.
 */
public final class RcdSockshopEvaluation implements Evaluation {
  /** RCAEval (ASE 2024) Table 5, BARO [tΔ=0] Avg@5 on Sock Shop 1. */
  private static final Map<String, String> BARO = Map.of("cpu", "0.99", "mem", "0.99");

  record Case(String service, String fault, Path folder) {}

  record Result(Case c, int rank, long millis, JsonNode answer) {}

  @Override
  public String dataset() {
    return "rcd-sockshop";
  }

  static List<Case> cases(Path data) throws IOException {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(data)) {
      for (Path kind : s.filter(Files::isDirectory).sorted().toList()) {
        String name = kind.getFileName().toString();
        int dash = name.lastIndexOf('-');
        if (dash < 0) {
          continue;
        }
        try (Stream<Path> reps = Files.list(kind)) {
          for (Path rep : reps.filter(p -> Files.isRegularFile(p.resolve("anomalous.csv"))).sorted().toList()) {
            out.add(new Case(name.substring(0, dash), name.substring(dash + 1), rep));
          }
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no <service>-<fault>/<rep>/anomalous.csv cases in " + data);
    }
    return out;
  }

  static Result run(Case c) throws IOException {
    long t0 = System.nanoTime();
    List<Payload> payloads = new ArrayList<>();
    Series normal = Series.read(c.folder().resolve("normal.csv"));
    Series anomalous = Series.read(c.folder().resolve("anomalous.csv"));
    long shift = anomalous.first - (normal.last + 1);
    normal.payloads(shift, payloads);
    anomalous.payloads(0, payloads);
    Instant from = Instant.ofEpochSecond(normal.first + shift);
    Instant start = Instant.ofEpochSecond(anomalous.first);
    TimeRange range = new TimeRange(from, Instant.ofEpochSecond(anomalous.last + 1));
    JsonNode answer = ReplayedCase.investigate(payloads, range, new TimeRange(from, start));
    int rank = ReplayedCase.rank(ReplayedCase.rankedServices(answer), c.service());
    return new Result(c, rank, (System.nanoTime() - t0) / 1_000_000, answer);
  }

  @Override
  public void run(Path data, PrintStream out) throws IOException {
    run(data, out, null, false);
  }

  @Override
  public void run(Path data, PrintStream out, String only, boolean verbose) throws IOException {
    List<Result> results = new ArrayList<>();
    for (Case c : cases(data)) {
      String label = c.service() + " " + c.fault() + " " + c.folder().getFileName();
      if (only != null && !label.contains(only)) {
        continue;
      }
      Result r = run(c);
      results.add(r);
      out.printf(Locale.ROOT, "%-10s %-4s %s  rank %s  %d ms%n", c.service(), c.fault(), c.folder().getFileName(),
          r.rank() == 0 ? "miss" : r.rank(), r.millis());
      if (verbose) {
        ReplayedCase.printCauses(r.answer(), out);
      }
      out.flush();
    }
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no case label contains '" + only + "'");
    }
    Map<String, List<Result>> byFault = new TreeMap<>();
    results.forEach(r -> byFault.computeIfAbsent(r.c().fault(), k -> new ArrayList<>()).add(r));
    byFault.put("all", results);
    Table t = new Table("fault", "cases", "AC@1", "AC@3", "Avg@5", "ms per case", "BARO Avg@5");
    byFault.forEach((fault, list) -> t.row(fault, list.size(), f3(ac(list, 1)), f3(ac(list, 3)), f3(avg5(list)),
        list.stream().mapToLong(Result::millis).sum() / list.size(), BARO.getOrDefault(fault, "0.99")));
    t.print(out);
    out.printf(Locale.ROOT, "Avg@5 %s%n", f3(avg5(results)));
  }

  static double ac(List<Result> results, int k) {
    return results.stream().filter(r -> r.rank() > 0 && r.rank() <= k).count() / (double) results.size();
  }

  static double avg5(List<Result> results) {
    double sum = 0;
    for (int k = 1; k <= 5; k++) {
      sum += ac(results, k);
    }
    return sum / 5;
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** One CSV of 1-second samples: the times and each {@code <service>_<metric>} column. */
  private static final class Series {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    final List<Long> times = new ArrayList<>();
    final Map<String, List<Double>> columns = new LinkedHashMap<>();

    static Series read(Path file) throws IOException {
      Series s = new Series();
      try (BufferedReader r = CsvLines.open(file)) {
        List<String> header = CsvLines.split(CsvLines.header(r.readLine(), file));
        int time = CsvLines.column(header, "time", file);
        header.forEach(h -> s.columns.put(h, new ArrayList<>()));
        String line;
        long n = 1;
        while ((line = r.readLine()) != null) {
          n++;
          List<String> f = CsvLines.split(line);
          if (f.size() != header.size()) {
            throw new IllegalArgumentException(file + " line " + n + ": " + f.size() + " fields, header has " + header.size());
          }
          long t = Math.round(CsvLines.number(f.get(time), file, n));
          s.times.add(t);
          s.first = Math.min(s.first, t);
          s.last = Math.max(s.last, t);
          for (int i = 0; i < header.size(); i++) {
            s.columns.get(header.get(i)).add(f.get(i).isEmpty() ? Double.NaN : CsvLines.number(f.get(i), file, n));
          }
        }
      }
      if (s.times.isEmpty()) {
        throw new IllegalArgumentException(file + " has no rows");
      }
      s.columns.remove("time");
      return s;
    }

    void payloads(long shift, List<Payload> out) {
      Map<String, List<Metric>> byService = new TreeMap<>();
      columns.forEach((column, values) -> {
        int us = column.indexOf('_');
        if (us <= 0) {
          return;
        }
        Gauge.Builder g = Gauge.newBuilder();
        for (int i = 0; i < values.size(); i++) {
          double v = values.get(i);
          if (Double.isFinite(v)) {
            g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano((times.get(i) + shift) * 1_000_000_000L).setAsDouble(v));
          }
        }
        byService.computeIfAbsent(column.substring(0, us), k -> new ArrayList<>())
            .add(Metric.newBuilder().setName(column.substring(us + 1)).setUnit("1").setGauge(g).build());
      });
      byService.forEach((service, metrics) -> {
        Resource resource = Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue(service))).build();
        byte[] body = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(metrics))).build().toByteArray();
        out.add(new Payload("metrics", Instant.ofEpochSecond(first + shift), body));
      });
    }
  }
}
