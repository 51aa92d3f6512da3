package io.casefile.signals;

import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.model.SignalRequest;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.DuckDbStore;
import io.casefile.store.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Whole-process benchmark of the trace signals on a file-backed store: generates N synthetic shop
 * requests (8 spans each, one hour; the last 10 minutes have pix-gateway failing 30% of calls and
 * 16x slower) with SQL, then times each signal (median of 3 after a warm-up) next to DuckDB's raw
 * scan of the flow's request columns. Usage: {@code SignalsBenchmark DIR REQUESTS}.
 */
public final class SignalsBenchmark {
  private static final Instant START = Instant.parse("2026-01-01T13:00:00Z");
  private static final TimeRange BASELINE = new TimeRange(START, START.plusSeconds(3000));
  private static final TimeRange INCIDENT = new TimeRange(START.plusSeconds(3000), START.plusSeconds(3600));

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    Files.createDirectories(dir);
    Path file = dir.resolve("casefile.duckdb");
    boolean fresh = !Files.exists(file);
    try (DuckDbStore store = DuckDbStore.open(file, Schemas.all()); Connection db = store.connection()) {
      if (fresh) {
        long t0 = System.nanoTime();
        generate(db, n);
        System.out.printf(Locale.ROOT, "generated %,d requests (%,d spans) in %.1f s%n", n, 8 * n,
            (System.nanoTime() - t0) / 1e9);
      }
      SignalRequest req = new SignalRequest(new Flow("checkout", "POST /checkout"), INCIDENT, BASELINE,
          List.of(), SignalRequest.DEFAULT_MAX_TRACES);
      time("raw scan of the flow's request columns", () -> rawScan(db));
      time("error origin", () -> new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(db), req).value().origins().get(0).component().label());
      time("latency attribution", () -> new LatencySignal().analyse(new DuckDbTelemetryReader(db), req).value().growth().get(0).component().label());
      time("dependency health", () -> new DependencySignal().analyse(new DuckDbTelemetryReader(db), req).value().turns().get(0).turn().peer());
      System.out.printf(Locale.ROOT, "database file %,d MB%n", Files.size(file) >> 20);
    }
  }

  /** Median wall time of 3 runs after a warm-up, and the process CPU time per run (DuckDB's threads included). */
  private static void time(String what, Supplier<Object> run) {
    var os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Object answer = run.get();
    double[] ms = new double[3];
    long cpu0 = os.getProcessCpuTime();
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      run.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / ms.length;
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "%-40s median %6.0f ms wall (min %.0f, max %.0f), %6.0f ms CPU  -> %s%n",
        what, ms[1], ms[0], ms[2], cpuMs, answer);
  }

  private static Object rawScan(Connection db) {
    try (PreparedStatement ps = db.prepareStatement(
        "SELECT count(*), sum(duration_us), count(*) FILTER (WHERE is_error) FROM spans"
            + " WHERE is_request AND service = 'checkout' AND operation = 'POST /checkout'"
            + " AND start_time >= TIMESTAMP '2026-01-01 13:00:00' AND start_time < TIMESTAMP '2026-01-01 14:00:00'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1) + " requests";
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void generate(Connection db, long n) throws Exception {
    String branch = """
        SELECT tid, CAST(i * 8 + %d AS UBIGINT), %s, t0 + to_microseconds(%d), %s, %d, '%s', CASE WHEN %s THEN 2 ELSE 0 END,
          '%s', '%s', %s, %s, %s
        FROM x""";
    String[] rows = {
        branch.formatted(1, "NULL", 0, "root", 2, "POST /checkout", "gwfail OR stockfail", "checkout", "POST /checkout", "true", "gwfail OR stockfail", "NULL"),
        branch.formatted(2, "CAST(i * 8 + 1 AS UBIGINT)", 100, "stock + 200", 3, "GET", "stockfail", "checkout", "GET", "false", "stockfail", "'inventory'"),
        branch.formatted(3, "CAST(i * 8 + 2 AS UBIGINT)", 200, "stock", 2, "GET /stock", "stockfail", "inventory", "GET /stock", "true", "stockfail", "NULL"),
        branch.formatted(4, "CAST(i * 8 + 3 AS UBIGINT)", 300, "db", 3, "SELECT stock", "false", "inventory", "SELECT stock", "false", "false", "'postgres'"),
        branch.formatted(5, "CAST(i * 8 + 1 AS UBIGINT)", 0, "pay + 200", 3, "POST", "gwfail", "checkout", "POST", "false", "gwfail", "'payments'"),
        branch.formatted(6, "CAST(i * 8 + 5 AS UBIGINT)", 100, "pay", 2, "POST /pix/authorize", "gwfail", "payments", "POST /pix/authorize", "true", "gwfail", "NULL"),
        branch.formatted(7, "CAST(i * 8 + 6 AS UBIGINT)", 200, "gw + 1000", 1, "authorize", "gwfail", "payments", "authorize", "false", "gwfail", "NULL"),
        branch.formatted(8, "CAST(i * 8 + 7 AS UBIGINT)", 300, "gw", 3, "POST", "gwfail", "payments", "POST", "false", "gwfail", "'pix-gateway'"),
    };
    long chunk = 1_000_000;
    try (Statement s = db.createStatement()) {
      for (long from = 0; from < n; from += chunk) {
        long to = Math.min(n, from + chunk);
        s.execute("""
            INSERT INTO spans (trace_id, span_id, parent_span_id, start_time, duration_us, kind, name, status,
              service, operation, is_request, is_error, "peer.service")
            WITH r AS (
              SELECT i, CAST(printf('%%08x-0000-4000-8000-%%012x', i // 4294967296, i) AS UUID) AS tid,
                TIMESTAMP '2026-01-01 13:00:00' + to_microseconds(CAST(i * %f AS BIGINT)) AS t0,
                i >= %d AS inc, hash(i, 1) %% 1000 AS u1, hash(i, 2) %% 1000 AS u2,
                CAST(hash(i, 3) %% 20000 AS BIGINT) AS jitter
              FROM range(%d, %d) t(i)),
            x AS (
              SELECT *, inc AND u1 < 300 AS gwfail, u2 < 10 AS stockfail,
                CASE WHEN inc THEN 2000000 ELSE 120000 END + jitter AS gw, 2000 + jitter %% 1000 AS db,
                3000 + jitter %% 1000 AS stock, CASE WHEN inc THEN 2000000 ELSE 120000 END + jitter + 3000 AS pay,
                (3000 + jitter %% 1000) + 500 + (CASE WHEN inc THEN 2000000 ELSE 120000 END + jitter + 3000) + 2500 AS root
              FROM r)
            """.formatted(3_600e6 / n, n * 5 / 6, from, to) + String.join("\nUNION ALL\n", rows));
      }
    }
  }
}
