package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.store.TelemetryReader;
import java.nio.file.Path;
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
  private static MetricsUnderTest backend;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.prometheusAvailable(), "Prometheus is not installed (" + RealMetricsBackend.PROMETHEUS
        + ", " + RealMetricsBackend.PROMTOOL + "): apt-get install prometheus");
    backend = MetricsUnderTest.open(RealMetricsBackend.prometheus(dir, RequestFixture.httpServerSeries()), MetricsMapping.HTTP_SERVER);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  TelemetryReader store() {
    return backend.reader;
  }

  @Override
  boolean hasTraces() {
    return false;
  }
}
