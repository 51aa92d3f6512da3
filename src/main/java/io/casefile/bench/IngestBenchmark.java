package io.casefile.bench;

import io.casefile.ingest.IngestLimits;
import io.casefile.ingest.OtlpDecoder;
import io.casefile.ingest.OtlpSignal;
import io.casefile.bench.SyntheticSpans;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process ingest benchmark: starts {@code casefile serve} as a child process on a fresh data
 * directory, drives it over loopback with several connections sending OTLP/HTTP protobuf batches,
 * and reports acknowledged (durably committed) spans per second, the server's peak RSS, its CPU per
 * span by thread group, and the decode-only throughput of the same batches in this process. With a
 * rate, the connections together offer that many spans per second instead of sending as fast as
 * the server answers: the server's CPU per span at a fixed load, comparable between builds on a
 * busy machine.
 */
public final class IngestBenchmark {
  public record Settings(int seconds, int warmupSeconds, int connections, int batchSpans, Path dataDir,
      List<String> serverJvmOptions, int settleSeconds, int rate) {}

  public record Result(long spans, double seconds, double spansPerSecond, long rejectedRequests,
      long peakRssKiB, long databaseBytes, double decodeSpansPerSecond, double serverCpuSeconds) {}

  private IngestBenchmark() {}

  public static Result run(Settings s, PrintStream out) throws IOException, InterruptedException {
    List<byte[]> batches = new ArrayList<>();
    SyntheticSpans gen = new SyntheticSpans(42);
    long t0 = Instant.now().minusSeconds(600).toEpochMilli() * 1_000_000L;
    for (int i = 0; i < 64; i++) {
      batches.add(gen.batch(s.batchSpans(), t0 + i * 1_000_000_000L).toByteArray());
    }
    out.printf("batch: %d spans, %d bytes protobuf%n", s.batchSpans(), batches.get(0).length);
    var threads0 = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads0.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    double decode = decodeOnly(batches, s.batchSpans(), 5);
    double cpuShare = (threads0.getCurrentThreadCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
    out.printf("decode-only (1 thread, parse + flatten): %.0f spans/s; the thread got %.0f%% of a CPU, "
        + "so %.0f spans per CPU-second%n", decode, 100 * cpuShare, decode / cpuShare);

    Process server = startServer(s);
    try {
      URI[] uris = awaitUris(server);
      URI otlp = uris[0];
      out.println("server pid " + server.pid() + " at " + otlp);
      Thread.sleep(2_000);
      long idleRss = rssKiB(server.pid());
      out.printf("server RSS when idle, before the load: %.0f MiB%n", idleRss / 1024.0);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      AtomicLong acked = new AtomicLong();
      AtomicLong rejected = new AtomicLong();
      long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.warmupSeconds());
      long end = warmupEnd + TimeUnit.SECONDS.toNanos(s.seconds());
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < s.connections(); c++) {
        int offset = c;
        long period = s.rate() > 0 ? (long) (s.connections() * (double) s.batchSpans() * 1e9 / s.rate()) : 0;
        long first = System.nanoTime() + offset * period / s.connections();
        threads.add(Thread.ofPlatform().start(() -> drive(client, otlp, batches, offset, s.batchSpans(),
            warmupEnd, end, acked, rejected, first, period)));
      }
      while (System.nanoTime() < warmupEnd) {
        Thread.sleep(10);
      }
      double cpuStart = cpuSeconds(server.pid());
      var threadsStart = ThreadCpu.snapshot(server.pid());
      for (Thread t : threads) {
        t.join();
      }
      double serverCpu = cpuSeconds(server.pid()) - cpuStart;
      var byGroup = ThreadCpu.between(threadsStart, ThreadCpu.snapshot(server.pid()));
      long stored = storedSpans(client, uris[1]);
      long peak = peakRssKiB(server.pid());
      Result r = new Result(acked.get(), s.seconds(), acked.get() / (double) s.seconds(), rejected.get(), peak,
          databaseBytes(s.dataDir()), decode, serverCpu);
      out.printf("ingest: %d spans acknowledged in %d s = %.0f spans/s with %d connections%s; %d requests refused (503)%n",
          r.spans(), s.seconds(), r.spansPerSecond(), s.connections(),
          s.rate() > 0 ? " offering " + s.rate() + " spans/s" : "", r.rejectedRequests());
      out.printf("server CPU in the measured window: %.1f s = %.0f spans per server CPU-second%n", serverCpu,
          r.spans() / serverCpu);
      out.printf("server CPU by thread, microseconds per acknowledged span: %s%n", ThreadCpu.perSpan(byGroup, r.spans()));
      out.printf("stored spans after the run (GET /api/v1/services, warm-up and late acknowledgements included): %d%n",
          stored);
      out.printf("server peak RSS: %.0f MiB; database files: %.0f MiB%n", peak / 1024.0, r.databaseBytes() / 1048576.0);
      if (s.settleSeconds() > 0) {
        Thread.sleep(TimeUnit.SECONDS.toMillis(s.settleSeconds()));
        out.printf("server RSS %d s after the load ended: %.0f MiB%n", s.settleSeconds(), rssKiB(server.pid()) / 1024.0);
      }
      out.printf("machine: %d CPUs, load average %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
      return r;
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** One connection's requests: back to back, or one every {@code period} nanoseconds from {@code next}. */
  private static void drive(HttpClient client, URI otlp, List<byte[]> batches, int offset, int batchSpans,
      long warmupEnd, long end, AtomicLong acked, AtomicLong rejected, long next, long period) {
    int i = offset;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        return;
      }
      if (period > 0) {
        if (now < next) {
          java.util.concurrent.locks.LockSupport.parkNanos(Math.min(next, end) - now);
          continue;
        }
        next = Math.max(next + period, now - period); // behind schedule: catch up by at most one request
      }
      byte[] body = batches.get(i++ % batches.size());
      try {
        var req = HttpRequest.newBuilder(otlp.resolve("/v1/traces"))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        var resp = client.send(req, HttpResponse.BodyHandlers.discarding());
        long done = System.nanoTime();
        if (resp.statusCode() == 200) {
          if (now >= warmupEnd && done <= end) {
            acked.addAndGet(batchSpans);
          }
        } else {
          rejected.incrementAndGet();
          Thread.sleep(50);
        }
      } catch (IOException e) {
        rejected.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Spans the server holds, summed over its services (the read waits for everything acknowledged). */
  private static long storedSpans(HttpClient client, URI api) throws IOException, InterruptedException {
    var resp = client.send(HttpRequest.newBuilder(api.resolve("/api/v1/services")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    long total = 0;
    for (var service : new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body()).path("services")) {
      total += service.path("spans").asLong();
    }
    return total;
  }

  static double decodeOnly(List<byte[]> batches, int batchSpans, int seconds) {
    OtlpDecoder decoder = new OtlpDecoder(IngestLimits.DEFAULT, InstantSource.system());
    long spans = 0;
    long start = System.nanoTime();
    long warm = start + TimeUnit.SECONDS.toNanos(1);
    long end = warm + TimeUnit.SECONDS.toNanos(seconds);
    int i = 0;
    long measuredStart = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (measuredStart == 0 && now >= warm) {
        measuredStart = now;
        spans = 0;
      }
      spans += decoder.protobuf(OtlpSignal.TRACES, batches.get(i++ % batches.size())).batch().spans().size();
    }
    return spans / ((end - measuredStart) / 1e9);
  }

  private static Process startServer(Settings s) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    cmd.addAll(s.serverJvmOptions());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.casefile.cli.Main", "serve",
        "--data", s.dataDir().toString(), "--otlp-port", "0", "--port", "0", "--retention", "forever"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static final Pattern LISTENING = Pattern.compile("OTLP on (http://\\S+) and the API on (http://\\S+) ");

  /** The OTLP and API base addresses the server logs when it listens. */
  private static URI[] awaitUris(Process server) throws IOException {
    var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread.ofPlatform().daemon().start(() -> reader.lines().forEach(l -> { }));
        return new URI[] {URI.create(m.group(1)), URI.create(m.group(2))};
      }
    }
    throw new IOException("the server exited before listening (exit " + server.exitValue() + ")");
  }

  /** User + system CPU seconds of a process, from /proc (Linux); -1 elsewhere. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ=100)
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static long peakRssKiB(long pid) {
    return statusKiB(pid, "VmHWM:");
  }

  static long rssKiB(long pid) {
    return statusKiB(pid, "VmRSS:");
  }

  private static long statusKiB(long pid, String field) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith(field)) {
          return Long.parseLong(l.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static long databaseBytes(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

}
