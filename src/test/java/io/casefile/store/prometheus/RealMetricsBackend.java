package io.casefile.store.prometheus;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus-compatible server from Debian's packages on a loopback port in a temporary
 * folder, filled with series before its first query: Prometheus from blocks that
 * {@code promtool tsdb create-blocks-from openmetrics} builds, VictoriaMetrics through its import API
 * and a forced flush. Stopped with {@link #close()}.
 */
final class RealMetricsBackend implements AutoCloseable {
  static final Path PROMETHEUS = Path.of(System.getenv().getOrDefault("CASEFILE_PROMETHEUS", "/usr/bin/prometheus"));
  static final Path PROMTOOL = Path.of(System.getenv().getOrDefault("CASEFILE_PROMTOOL", "/usr/bin/promtool"));
  static final Path VICTORIA = Path.of(System.getenv().getOrDefault("CASEFILE_VICTORIA_METRICS",
      "/usr/bin/victoria-metrics"));
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  final URI base;
  private final Process process;
  private final Path log;

  private RealMetricsBackend(URI base, Process process, Path log) {
    this.base = base;
    this.process = process;
    this.log = log;
  }

  static boolean prometheusAvailable() {
    return Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL);
  }

  static boolean victoriaMetricsAvailable() {
    return Files.isExecutable(VICTORIA);
  }

  /** Prometheus serving the series as TSDB blocks built by promtool. */
  static RealMetricsBackend prometheus(Path dir, SpanMetricsSeries series) throws IOException, InterruptedException {
    Path om = Files.createDirectories(dir).resolve("series.om");
    try (Writer w = Files.newBufferedWriter(om)) {
      series.writeOpenMetrics(w);
    }
    return prometheus(dir, om);
  }

  /** Prometheus serving an OpenMetrics file turned into TSDB blocks by promtool. */
  static RealMetricsBackend prometheus(Path dir, Path openMetrics) throws IOException, InterruptedException {
    Path data = Files.createDirectories(dir.resolve("tsdb"));
    Path toolLog = dir.resolve("promtool.log");
    Process tool = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
        openMetrics.toString(), data.toString()).redirectErrorStream(true).redirectOutput(toolLog.toFile()).start();
    if (!tool.waitFor(120, TimeUnit.SECONDS) || tool.exitValue() != 0) {
      tool.destroyForcibly();
      throw new IllegalStateException("promtool failed: " + Files.readString(toolLog));
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
    int port = freePort();
    Path log = dir.resolve("prometheus.log");
    Process p = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
        "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=100y")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RealMetricsBackend b = new RealMetricsBackend(URI.create("http://127.0.0.1:" + port), p, log);
    b.awaitReady("/-/ready");
    return b;
  }

  /** VictoriaMetrics filled through {@code /api/v1/import/prometheus}, flushed so that queries see it. */
  static RealMetricsBackend victoriaMetrics(Path dir, SpanMetricsSeries series) throws IOException, InterruptedException {
    Path text = Files.createDirectories(dir).resolve("series.prom");
    try (Writer w = Files.newBufferedWriter(text)) {
      series.writePrometheusText(w);
    }
    return victoriaMetrics(dir, text);
  }

  static RealMetricsBackend victoriaMetrics(Path dir, Path prometheusText) throws IOException, InterruptedException {
    int port = freePort();
    Path log = dir.resolve("victoria-metrics.log");
    Process p = new ProcessBuilder(VICTORIA.toString(), "-httpListenAddr=127.0.0.1:" + port,
        "-storageDataPath=" + Files.createDirectories(dir.resolve("vm")), "-retentionPeriod=100y",
        "-search.disableCache", "-search.cacheTimestampOffset=876000h", "-loggerLevel=WARN")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RealMetricsBackend b = new RealMetricsBackend(URI.create("http://127.0.0.1:" + port), p, log);
    b.awaitReady("/health");
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(b.base.resolve("/api/v1/import/prometheus"))
        .POST(HttpRequest.BodyPublishers.ofFile(prometheusText)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      b.close();
      throw new IllegalStateException("VictoriaMetrics refused the import: " + r.statusCode() + " " + r.body());
    }
    r = HTTP.send(HttpRequest.newBuilder(b.base.resolve("/internal/force_flush")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      b.close();
      throw new IllegalStateException("VictoriaMetrics refused the flush: " + r.statusCode() + " " + r.body());
    }
    return b;
  }

  private void awaitReady(String path) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(process.info().command().orElse("server") + " exited: " + Files.readString(log));
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("not ready in 30 s: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The server's log, for a failed assertion's message. */
  String log() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
