package io.casefile.cli;

import io.casefile.alerts.AlertMapping;
import io.casefile.alerts.AlertSettings;
import io.casefile.alerts.SloConfig;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import io.casefile.server.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Receive OTLP telemetry and change events, and serve the API.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "casefile-data", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--otlp-port", defaultValue = "4318", description = "OTLP/HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int otlpPort;

  @Option(names = "--port", defaultValue = "7070", description = "API port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int apiPort;

  @Option(names = "--retention", defaultValue = "7d", description = "Keep telemetry this long, e.g. 12h, 7d, 30d, or 'forever' (default: ${DEFAULT-VALUE}).")
  String retention;

  @Option(names = "--token-file", description = "Bearer tokens with roles, one 'TOKEN ROLE[,ROLE]' per line (roles: ingest, read, admin, alerts).")
  Path tokenFile;

  @Option(names = "--max-body", defaultValue = "16777216", description = "Largest request body in bytes, after decompression (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--memory", defaultValue = "2g", description = "Memory budget, split between the JVM heap (3/8, "
      + "set by the casefile launcher), DuckDB's memory_limit (1/2) and the JVM's native memory (default: ${DEFAULT-VALUE}).")
  String memory;

  @Option(names = "--alert-mapping", paramLabel = "FILE",
      description = "JSON mapping from alert labels to flows and signals (docs/alerts.md); defaults cover the common label conventions.")
  Path alertMapping;

  @Option(names = "--announce", description = "Publish the first 'investigating' update of an alert-opened incident to the webhooks.")
  boolean announce;

  @Option(names = "--alert-refire", paramLabel = "DURATION", defaultValue = "4h",
      description = "An alert group firing again this long after its last alert re-attends its incident (default: ${DEFAULT-VALUE}).")
  String alertRefire;

  @Option(names = "--slo-file", paramLabel = "FILE",
      description = "SLOs as JSON {\"objectives\": [...]} (docs/alerts.md); without SLOs every entry flow gets 99.9% availability.")
  Path sloFile;

  @Option(names = "--source", paramLabel = "prometheus=URL",
      description = "Read request metrics for investigations from a Prometheus-compatible backend (repeatable: the "
          + "first answers by default, a question's \"source\" names another: prometheus-2, …, or embedded); "
          + "change events and incidents stay here (docs/prometheus.md).")
  java.util.List<String> sources = new java.util.ArrayList<>();

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "JSON mapping of metric and label names for --source (default: the spanmetrics connector's).")
  Path mapping;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = ServerConfig.defaults(data)
        .withHost(host)
        .withPorts(otlpPort, apiPort)
        .withRetention(parseRetention(retention))
        .withMaxBodyBytes(maxBody)
        .withMemoryBytes(io.casefile.server.MemoryBudget.parse(memory))
        .withTokens(tokenFile == null ? Tokens.NONE : Tokens.load(tokenFile));
    AlertSettings alerts = AlertSettings.DEFAULTS.withAnnounce(announce)
        .withRefire(parseDuration("--alert-refire", alertRefire))
        .withMapping(alertMapping == null ? AlertMapping.DEFAULTS : AlertMapping.load(alertMapping))
        .withSlos(sloFile == null ? null : SloConfig.load(sloFile));
    var metrics = mapping == null ? io.casefile.store.prometheus.MetricsMapping.SPANMETRICS
        : io.casefile.store.prometheus.MetricsMapping.load(mapping);
    var parsed = new java.util.ArrayList<io.casefile.store.prometheus.PrometheusSource>();
    for (String s : sources) {
      parsed.add(io.casefile.store.prometheus.PrometheusSource.parse(s, parsed.size() + 1, metrics));
    }
    if (mapping != null && parsed.isEmpty()) {
      throw new IllegalArgumentException("--mapping goes with --source prometheus=URL");
    }
    warnIfHeapExceedsBudget(config.memory());
    CasefileServer server = CasefileServer.start(config, alerts, parsed);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "casefile-shutdown"));
    parsed.forEach(p -> System.out.println("casefile: investigations read request metrics from " + p.name() + " at "
        + p.url() + (parsed.get(0) == p ? " (default)" : "")));
    System.out.println("casefile: OTLP on " + server.otlpUri() + " (/v1/traces, /v1/logs, /v1/metrics), API on "
        + server.apiUri() + "/api/v1, data in " + data.toAbsolutePath());
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** The launcher sets -Xmx to the budget's heap share; a JVM started otherwise may outgrow the budget. */
  private static void warnIfHeapExceedsBudget(io.casefile.server.MemoryBudget memory) {
    long heap = Runtime.getRuntime().maxMemory();
    if (heap != Long.MAX_VALUE && heap > memory.heapBytes() * 5 / 4) {
      System.err.println("casefile: warning: the JVM heap may grow to " + (heap >> 20) + " MiB, beyond the "
          + (memory.heapBytes() >> 20) + " MiB share of the --memory budget; start through the casefile launcher, "
          + "or pass -Xmx" + (memory.heapBytes() >> 20) + "m");
    }
  }

  private static Duration parseDuration(String option, String text) {
    try {
      return io.casefile.model.Durations.parse(text.trim().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be like 30m, 4h or 1d, got '" + text + "'", e);
    }
  }

  static Duration parseRetention(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("forever") || t.equals("0")) {
      return null;
    }
    try {
      return io.casefile.model.Durations.parse(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--retention must be like 30m, 12h, 7d or 'forever', got '" + text + "'", e);
    }
  }
}
