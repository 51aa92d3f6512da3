package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.store.DuckDbStore;
import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.store.TelemetryReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against a real Prometheus holding the fixture as OpenTelemetry HTTP server metrics
 * ({@code http_server_request_duration_seconds}: flows by job, method and route, errors by 5xx), read
 * with the http-server preset.
 */
class HttpServerMetricsTest extends RequestMetricsContract {
  @TempDir
  static Path dir;
  private static RealMetricsBackend server;
  private static DuckDbStore changes;
  private static Connection reader;
  private static TelemetryReader store;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.prometheusAvailable(), "Prometheus is not installed (" + RealMetricsBackend.PROMETHEUS
        + ", " + RealMetricsBackend.PROMTOOL + "): apt-get install prometheus");
    server = RealMetricsBackend.prometheus(dir, RequestFixture.httpServerSeries());
    changes = RequestFixture.changesOnly();
    reader = changes.connection();
    store = new PrometheusTelemetryReader(new PrometheusClient(server.base, PrometheusClient.Settings.DEFAULT),
        MetricsMapping.HTTP_SERVER.withDimensions(RequestFixture.DIMENSIONS), new DuckDbTelemetryReader(reader)::changes);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (server != null) {
      server.close();
      reader.close();
      changes.close();
    }
  }

  @Override
  TelemetryReader store() {
    return store;
  }

  @Override
  boolean hasTraces() {
    return false;
  }
}
