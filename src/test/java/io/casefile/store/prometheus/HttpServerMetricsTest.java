package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against a real Prometheus holding the fixture as OpenTelemetry HTTP server metrics
 * ({@code http_server_request_duration_seconds}: flows by job, method and route, errors by 5xx), read
 * with the http-server preset.
 */
class HttpServerMetricsTest extends MetricsBackendContract {
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.prometheusAvailable(), "Prometheus is not installed (" + RealMetricsBackend.PROMETHEUS
        + ", " + RealMetricsBackend.PROMTOOL + "): apt-get install prometheus");
    backend = MetricsUnderTest.open(RealMetricsBackend.prometheus(dir, RequestFixture.httpServerSeries()), MetricsMapping.HTTP_SERVER);
  }
}
