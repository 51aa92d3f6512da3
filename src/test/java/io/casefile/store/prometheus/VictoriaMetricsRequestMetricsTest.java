package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real VictoriaMetrics, filled through its import API. */
class VictoriaMetricsRequestMetricsTest extends MetricsBackendContract {
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.victoriaMetricsAvailable(), "VictoriaMetrics is not installed (" + RealMetricsBackend.VICTORIA
        + "): apt-get install victoria-metrics");
    backend = MetricsUnderTest.open(RealMetricsBackend.victoriaMetrics(dir, RequestFixture.series()), MetricsMapping.SPANMETRICS);
  }
}
