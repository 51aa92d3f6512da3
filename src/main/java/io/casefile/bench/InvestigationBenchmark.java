package io.casefile.bench;

import io.casefile.investigation.Cohort;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.Investigations;
import io.casefile.investigation.Question;
import io.casefile.model.SignalSpec;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import io.casefile.store.DuckDbStore;
import io.casefile.store.SyntheticRequests;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process benchmark of an investigation over a file-backed store: generates {@code requests}
 * request spans in one hour (ten flows; checkout is 30% of them; payment_method=pix fails 70% from
 * minute 45, after a payments deploy; a 0.5% background error rate), then times the investigation
 * of checkout's errors over the hour and, as the limit, DuckDB's raw scan of the same columns.
 */
public final class InvestigationBenchmark {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  /** The columns the raw scan reads: those an investigation of checkout's errors reads. */
  static final List<String> SCANNED = List.of("payment_method", "region", "customer_tier", "device", "service.version",
      "enduser.id");

  private InvestigationBenchmark() {}

  /** Median seconds of the investigation and of the raw scan, with the investigation's headline. */
  public record Result(long requests, double investigateSeconds, double scanSeconds, String headline) {}

  public static Result run(Path dir, long requests, int repeats, PrintStream out) {
    try (DuckDbStore store = DuckDbStore.openDirectory(dir)) {
      long t0 = System.nanoTime();
      generate(store, requests);
      out.printf(Locale.ROOT, "generated %,d request spans in %.1f s into %s%n", requests, (System.nanoTime() - t0) / 1e9, dir);
      Question q = new Question(Flow.parse("checkout:POST /checkout"), SignalSpec.ERRORS, START, START.plus(Duration.ofHours(1)));
      Investigations investigations = new Investigations(store);
      investigations.investigate(q); // warm-up
      double[] inv = new double[repeats];
      Investigation last = null;
      for (int i = 0; i < repeats; i++) {
        long s = System.nanoTime();
        last = investigations.investigate(q);
        inv[i] = (System.nanoTime() - s) / 1e9;
      }
      Flow checkout = q.flow();
      double[] scan = new double[repeats];
      for (int i = 0; i < repeats + 1; i++) {
        long s = System.nanoTime();
        SyntheticRequests.rawScan(store, checkout, SCANNED);
        if (i > 0) {
          scan[i - 1] = (System.nanoTime() - s) / 1e9;
        }
      }
      String headline = last.anomaly()
          ? "onset " + last.symptom().onset().at() + ", cohorts " + last.symptom().cohorts().stream().map(Cohort::describe).toList()
              + ", first suspect " + (last.suspects().isEmpty() ? "none" : last.suspects().get(0).change().id())
          : "no anomaly";
      return new Result(requests, median(inv), median(scan), headline);
    }
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  static void generate(DuckDbStore store, long n) {
    SyntheticRequests.write(store, n, START, Duration.ofHours(1));
    Instant deploy = START.plus(Duration.ofMinutes(45)).minusSeconds(30);
    store.recordChange(new ChangeEvent("checkout-2.31.0", ChangeType.DEPLOY, deploy, "checkout",
        "deploy checkout 2.31.0", "2.31.0", "2.30.4", "prod", null, Map.of(), null, "ci", "api"), deploy);
    store.recordChange(new ChangeEvent("search-9.1", ChangeType.DEPLOY, deploy.plusSeconds(10), "search",
        "deploy search 9.1", "9.1", "9.0", "prod", null, Map.of(), null, "ci", "api"), deploy);
  }
}
