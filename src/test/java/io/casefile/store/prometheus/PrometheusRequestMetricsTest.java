package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.store.TelemetryReader;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real Prometheus, its blocks built by promtool from the fixture's OpenMetrics. */
class PrometheusRequestMetricsTest extends RequestMetricsContract {
  @TempDir
  static Path dir;
  private static MetricsUnderTest backend;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.prometheusAvailable(), "Prometheus is not installed (" + RealMetricsBackend.PROMETHEUS
        + ", " + RealMetricsBackend.PROMTOOL + "): apt-get install prometheus");
    backend = MetricsUnderTest.open(RealMetricsBackend.prometheus(dir, RequestFixture.series()), MetricsMapping.SPANMETRICS);
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
