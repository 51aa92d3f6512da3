package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real OpenTelemetry Java agent (fetched by Maven into target/otel-agent):
 * a JDK HttpServer app with some 500s exports to a running Casefile server.
 */
class RealAgentIngestTest {
  static final Path AGENT = Path.of("target/otel-agent/opentelemetry-javaagent.jar");

  @TempDir Path dir;

  @Test
  void agentTrafficShowsUpAsFlowsServicesLogsMetricsAndTheTenantItFailsFor() throws Exception {
    assumeTrue(Files.isRegularFile(AGENT), "OpenTelemetry agent not found at " + AGENT
        + " (run through Maven: it is copied in generate-test-resources)");
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      Process app = startApp(server.otlpUri());
      try {
        URI appUri = URI.create("http://127.0.0.1:" + awaitPort(app));
        for (int i = 0; i < 12; i++) {
          assertThat(TestHttp.get(appUri, "/hello").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 5; i++) {
          assertThat(TestHttp.get(appUri, "/checkout").statusCode()).isEqualTo(500);
        }
        JsonNode flows = awaitFlows(server, 17);
        assertThat(flow(flows, "GET /hello").get("requests").asLong()).isEqualTo(12);
        assertThat(flow(flows, "GET /hello").get("errors").asLong()).isZero();
        assertThat(flow(flows, "GET /checkout").get("requests").asLong()).isEqualTo(5);
        assertThat(flow(flows, "GET /checkout").get("errors").asLong()).isEqualTo(5);

        JsonNode svc = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/services")).get("services").get(0);
        assertThat(svc.get("name").asText()).isEqualTo("agent-shop");
        assertThat(svc.get("versions").get(0).asText()).isEqualTo("3.1.4");

        tenantFailuresAreLocalized(server, appUri);

        app.destroy(); // the agent flushes logs and metrics on shutdown
        app.waitFor(60, TimeUnit.SECONDS);
        assertThat(count(server, "SELECT count(*) FROM logs WHERE service = 'agent-shop' "
            + "AND body LIKE 'payment gateway timeout%' AND trace_id IS NOT NULL")).isEqualTo(5);
        assertThat(count(server, "SELECT count(*) FROM metric_points WHERE service = 'agent-shop' "
            + "AND name = 'http.server.request.duration' AND kind = 'histogram'")).isPositive();
      } finally {
        app.destroyForcibly();
      }
    }
  }

  /**
   * Tenant acme's orders start failing after a flag change: "for whom" and the first suspect come
   * from the app's own tenant.id attribute and the captured X-Tenant-Id header.
   */
  private static void tenantFailuresAreLocalized(CasefileServer server, URI appUri) throws Exception {
    java.time.Instant from = java.time.Instant.now();
    long sent = orders(appUri, 7_000);
    TestHttp.post(server.apiUri(), "/api/v1/changes", "application/json", ("{\"type\":\"feature_flag\","
        + "\"timestamp\":\"" + java.time.Instant.now() + "\",\"service\":\"agent-shop\",\"flag_key\":\"new-pricing\","
        + "\"summary\":\"new-pricing on for tenant acme\",\"targets\":{\"tenant.id\":\"acme\"}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(TestHttp.get(appUri, "/release").statusCode()).isEqualTo(200);
    sent += orders(appUri, 7_000);
    java.time.Instant to = java.time.Instant.now().plusSeconds(1);
    for (int i = 0; i < 480 && count(server, "SELECT count(*) FROM spans WHERE is_request AND service = 'agent-shop'"
        + " AND operation = 'GET /orders'") < sent; i++) {
      Thread.sleep(250);
    }
    String perSecond = server.store().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT epoch(start_time)::BIGINT AS s, count(*),"
          + " count(*) FILTER (WHERE is_error) FROM spans WHERE is_request AND operation = 'GET /orders'"
          + " GROUP BY ALL ORDER BY 1")) {
        StringBuilder b = new StringBuilder("per second (requests, errors):");
        while (rs.next()) {
          b.append(' ').append(rs.getLong(2)).append('/').append(rs.getLong(3));
        }
        return b.toString();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    var keys = server.store().read(io.casefile.store.SpanAttributes::read); // a key has a column or is in the map
    assertThat(count(server, "SELECT count(*) FROM spans WHERE " + keys.expression("tenant.id") + " = 'acme'"
        + " AND " + keys.expression("http.request.header.x-tenant-id") + " = 'acme'"))
        .as("a one-value header is stored as its value").isPositive();

    // one-second buckets: the agent stamps real time, and the test cannot wait for minutes of baseline
    var settings = new io.casefile.investigation.InvestigationEngine.Settings(java.time.Duration.ofSeconds(1),
        java.time.Duration.ofHours(2), 0.999, io.casefile.analysis.severity.SeverityPolicy.DEFAULT,
        io.casefile.analysis.localize.Localizers.standard(), 3);
    var inv = new io.casefile.investigation.Investigations(server.store(), settings).investigate(
        new io.casefile.investigation.Question(io.casefile.model.Flow.parse("agent-shop:GET /orders"),
            io.casefile.model.SignalSpec.ERRORS, from.minusSeconds(1), to));
    String report = perSecond + "\n" + io.casefile.investigation.InvestigationReport.render(inv);
    assertThat(inv.anomaly()).as(report).isTrue();
    assertThat(inv.symptom().cohorts()).as(report).first()
        .satisfies(c -> assertThat(c.attributes()).isEqualTo(java.util.Map.of("tenant.id", "acme")));
    assertThat(inv.suspects()).as(report).first()
        .satisfies(x -> assertThat(x.change().flagKey()).isEqualTo("new-pricing"));
  }

  /** Orders from four tenants in turn for about {@code millis}; returns how many were sent. */
  private static long orders(URI app, long millis) throws InterruptedException {
    String[] tenants = {"acme", "globex", "initech", "umbrella"};
    long end = System.nanoTime() + millis * 1_000_000;
    long n = 0;
    while (System.nanoTime() < end) {
      TestHttp.get(app, "/orders", "X-Tenant-Id", tenants[(int) (n % tenants.length)]);
      n++;
      Thread.sleep(15);
    }
    return n;
  }

  private static Process startApp(URI otlp) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(List.of(java, "-javaagent:" + AGENT.toAbsolutePath(),
        "-Dotel.service.name=agent-shop",
        "-Dotel.resource.attributes=service.version=3.1.4,deployment.environment.name=test",
        "-Dotel.exporter.otlp.endpoint=" + otlp, "-Dotel.exporter.otlp.protocol=http/protobuf",
        "-Dotel.bsp.schedule.delay=200", "-Dotel.blrp.schedule.delay=200", "-Dotel.metric.export.interval=1000",
        "-Dotel.instrumentation.http.server.capture-request-headers=X-Tenant-Id",
        "-Dotel.instrumentation.http.server.capture-request-headers=X-Tenant-Id",
        "-Dotel.javaagent.logging=none", "-cp", System.getProperty("java.class.path"), AgentDemoApp.class.getName()))
        .redirectErrorStream(true).start();
  }

  private static int awaitPort(Process app) throws Exception {
    var reader = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.startsWith("LISTENING ")) {
        Thread.ofPlatform().daemon().start(() -> reader.lines().forEach(l -> { }));
        return Integer.parseInt(line.substring(10).trim());
      }
    }
    throw new IllegalStateException("the app exited before listening");
  }

  private static JsonNode awaitFlows(CasefileServer server, long requests) throws InterruptedException {
    JsonNode flows = null;
    for (int i = 0; i < 240; i++) {
      flows = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/flows")).get("flows");
      long total = 0;
      for (JsonNode f : flows) {
        total += f.get("requests").asLong();
      }
      if (total >= requests) {
        return flows;
      }
      Thread.sleep(250);
    }
    return flows;
  }

  private static JsonNode flow(JsonNode flows, String operation) {
    for (JsonNode f : flows) {
      if (f.get("operation").asText().equals(operation)) {
        return f;
      }
    }
    throw new AssertionError("no flow " + operation + " in " + flows);
  }

  static long count(CasefileServer server, String sql) {
    return server.store().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
