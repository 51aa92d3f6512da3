package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real Prometheus, its blocks built by promtool from the fixture's OpenMetrics. */
class PrometheusRequestMetricsTest extends MetricsBackendContract {
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.prometheusAvailable(), "Prometheus is not installed (" + RealMetricsBackend.PROMETHEUS
        + ", " + RealMetricsBackend.PROMTOOL + "): apt-get install prometheus");
    backend = MetricsUnderTest.open(RealMetricsBackend.prometheus(dir, RequestFixture.series()), MetricsMapping.SPANMETRICS);
  }
}
