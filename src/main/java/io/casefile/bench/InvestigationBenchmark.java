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
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

  private InvestigationBenchmark() {}

  /** Median seconds of the investigation and of the raw scan, with the investigation's headline. */
  public record Result(long requests, double investigateSeconds, double scanSeconds, String headline) {}

  public static Result run(Path dir, long requests, int repeats, PrintStream out) throws SQLException {
    try (DuckDbStore store = DuckDbStore.openDirectory(dir)) {
      long t0 = System.nanoTime();
      generate(store, requests);
      out.printf(Locale.ROOT, "generated %,d request spans in %.1f s into %s%n", requests, (System.nanoTime() - t0) / 1e9, dir);
      Question q = new Question(Flow.parse("checkout:POST /checkout"), SignalSpec.ERRORS, START, START.plus(Duration.ofHours(1)));
      StepTimes steps = new StepTimes(store);
      Investigations investigations = new Investigations(steps);
      investigations.investigate(q); // warm-up
      steps.reset();
      double[] inv = new double[repeats];
      Investigation last = null;
      double cpu = StepTimes.processCpuSeconds();
      for (int i = 0; i < repeats; i++) {
        long s = System.nanoTime();
        last = investigations.investigate(q);
        inv[i] = (System.nanoTime() - s) / 1e9;
      }
      cpu = StepTimes.processCpuSeconds() - cpu;
      out.printf(Locale.ROOT, "investigation of %,d request events: %.3f s CPU per run (JVM and DuckDB); per read:%n%s",
          requests, cpu / repeats, steps.describe(repeats, Arrays.stream(inv).sum(), cpu));
      double[] scan = new double[repeats];
      try (Connection c = store.connection(); Statement st = c.createStatement()) {
        for (int i = 0; i < repeats + 1; i++) {
          long s = System.nanoTime();
          try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE is_error), max(start_time),"
              + " sum(duration_us), count(DISTINCT trace_id), max(\"payment_method\"), max(\"region\"),"
              + " max(\"customer_tier\"), max(\"device\"), max(\"service.version\"), max(\"enduser.id\")"
              + " FROM spans WHERE is_request AND service = 'checkout' AND operation = 'POST /checkout'")) {
            rs.next();
          }
          if (i > 0) {
            scan[i - 1] = (System.nanoTime() - s) / 1e9;
          }
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

  static void generate(DuckDbStore store, long n) throws SQLException {
    try (Connection c = store.connection(); Statement st = c.createStatement()) {
      for (String col : new String[] {"payment_method", "region", "customer_tier", "device", "enduser.id"}) {
        st.execute("ALTER TABLE spans ADD COLUMN IF NOT EXISTS " + io.casefile.store.Sql.quote(col) + " VARCHAR");
      }
      long hourUs = 3_600_000_000L;
      String sql = """
          INSERT INTO spans (trace_id, span_id, parent_span_id, start_time, duration_us, kind, name, status,
            service, operation, is_request, is_error, "service.version", "http.response.status_code",
            payment_method, region, customer_tier, device, "enduser.id")
          SELECT ('00000000-0000-0000-0000-' || lpad(printf('%x', i), 12, '0'))::UUID, i::UBIGINT, NULL,
            TIMESTAMP '2026-03-01 12:00:00' + to_microseconds((i * {HOUR} // {N})::BIGINT),
            20000 + (h % 180000), 2, op, CASE WHEN err THEN 2 ELSE 0 END, svc, op, true, err,
            CASE WHEN svc = 'checkout' AND i >= {N} * 3 // 4 - {N} // 180 THEN '2.31.0' ELSE '2.30.4' END,
            CASE WHEN err THEN '500' ELSE '200' END, pm, region, tier, device, 'u' || (h % 50000)
          FROM (
            SELECT i, h, svc, op, pm, region, tier, device,
              (h2 % 1000 < 5) OR (svc = 'checkout' AND pm = 'pix' AND i >= {N} * 3 // 4 AND h2 % 100 < 70) AS err
            FROM (
              SELECT i, (hash(i) % 1000000007)::BIGINT AS h, (hash(i + 7919) % 1000000007)::BIGINT AS h2,
                CASE WHEN (hash(i * 31) % 1000000007)::BIGINT % 10 < 3 THEN 'checkout' ELSE 'svc' || ((hash(i * 31) % 1000000007)::BIGINT % 10) END AS svc,
                CASE WHEN (hash(i * 31) % 1000000007)::BIGINT % 10 < 3 THEN 'POST /checkout' ELSE 'GET /op' || ((hash(i * 31) % 1000000007)::BIGINT % 10) END AS op,
                ['card', 'card', 'pix', 'paypal', 'apple_pay'][1 + (hash(i * 17) % 1000000007)::BIGINT % 5] AS pm,
                ['us-east', 'eu-west', 'sa-east'][1 + (hash(i * 13) % 1000000007)::BIGINT % 3] AS region,
                ['free', 'standard', 'premium'][1 + (hash(i * 11) % 1000000007)::BIGINT % 3] AS tier,
                ['ios', 'android', 'web'][1 + (hash(i * 5) % 1000000007)::BIGINT % 3] AS device
              FROM range({N}) t(i)))
          """.replace("{HOUR}", Long.toString(hourUs)).replace("{N}", Long.toString(n));
      st.execute(sql);
      st.execute("CHECKPOINT");
    }
    Instant deploy = START.plus(Duration.ofMinutes(45)).minusSeconds(30);
    store.recordChange(new ChangeEvent("checkout-2.31.0", ChangeType.DEPLOY, deploy, "checkout",
        "deploy checkout 2.31.0", "2.31.0", "2.30.4", "prod", null, Map.of(), null, "ci", "api"), deploy);
    store.recordChange(new ChangeEvent("search-9.1", ChangeType.DEPLOY, deploy.plusSeconds(10), "search",
        "deploy search 9.1", "9.1", "9.0", "prod", null, Map.of(), null, "ci", "api"), deploy);
  }
}
