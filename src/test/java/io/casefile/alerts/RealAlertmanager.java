package io.casefile.alerts;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code prometheus-alertmanager} on a loopback port with one webhook receiver, for tests:
 * started on a config written to a temporary folder, stopped with {@link #close()}.
 */
final class RealAlertmanager implements AutoCloseable {
  static final Path BINARY = Path.of(System.getenv().getOrDefault("CASEFILE_ALERTMANAGER", "/usr/bin/prometheus-alertmanager"));
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  final URI base;
  private final Process process;
  final Path log;

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /**
   * @param webhook Casefile's receiver URL
   * @param token the bearer token Alertmanager sends, or null
   */
  RealAlertmanager(Path dir, URI webhook, String token, String repeatInterval) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("data"));
    String auth = token == null ? "" : """
                http_config:
                  authorization:
                    credentials: '%s'
        """.formatted(token);
    String config = """
        route:
          receiver: casefile
          group_by: ['alertname', 'service_name']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: %s
        receivers:
          - name: casefile
            webhook_configs:
              - url: '%s'
                send_resolved: true
        """.formatted(repeatInterval, webhook) + auth;
    Files.writeString(dir.resolve("alertmanager.yml"), config);
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = URI.create("http://127.0.0.1:" + port);
    log = dir.resolve("alertmanager.log");
    process = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("alertmanager exited: " + Files.readString(log));
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("alertmanager not ready in 30 s: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  /** Posts alerts (a JSON array) to the v2 API. */
  void post(String alertsJson) throws IOException, InterruptedException {
    var r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("alertmanager refused the alerts: " + r.statusCode() + " " + r.body());
    }
  }

  /** Webhook notifications Alertmanager has sent (successful or not), from its own metrics. */
  long notificationsSent() throws IOException, InterruptedException {
    String metrics = get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^alertmanager_notifications_total\\{integration=\"webhook\"\\} (\\S+)$").matcher(metrics);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
