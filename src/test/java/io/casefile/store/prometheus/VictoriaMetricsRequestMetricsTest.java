package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.store.TelemetryReader;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real VictoriaMetrics, filled through its import API. */
class VictoriaMetricsRequestMetricsTest extends RequestMetricsContract {
  @TempDir
  static Path dir;
  private static MetricsUnderTest backend;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.victoriaMetricsAvailable(), "VictoriaMetrics is not installed (" + RealMetricsBackend.VICTORIA
        + "): apt-get install victoria-metrics");
    backend = MetricsUnderTest.open(RealMetricsBackend.victoriaMetrics(dir, RequestFixture.series()), MetricsMapping.SPANMETRICS);
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
