package io.casefile.cli;

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

  @Option(names = "--token-file", description = "Bearer tokens with roles, one 'TOKEN ROLE[,ROLE]' per line (roles: ingest, read, admin).")
  Path tokenFile;

  @Option(names = "--max-body", defaultValue = "16777216", description = "Largest request body in bytes, after decompression (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--memory", defaultValue = "2g", description = "Memory budget, split between the JVM heap (3/8, "
      + "set by the casefile launcher), DuckDB's memory_limit (1/2) and the JVM's native memory (default: ${DEFAULT-VALUE}).")
  String memory;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = ServerConfig.defaults(data)
        .withHost(host)
        .withPorts(otlpPort, apiPort)
        .withRetention(parseRetention(retention))
        .withMaxBodyBytes(maxBody)
        .withMemoryBytes(io.casefile.server.MemoryBudget.parse(memory))
        .withTokens(tokenFile == null ? Tokens.NONE : Tokens.load(tokenFile));
    CasefileServer server = CasefileServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "casefile-shutdown"));
    System.out.println("casefile: OTLP on " + server.otlpUri() + " (/v1/traces, /v1/logs, /v1/metrics), API on "
        + server.apiUri() + "/api/v1, data in " + data.toAbsolutePath());
    System.out.flush();
    stopped.await();
    return 0;
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
