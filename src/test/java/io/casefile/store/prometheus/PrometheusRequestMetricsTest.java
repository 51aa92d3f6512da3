package io.casefile.store.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.store.TelemetryReader;
import io.casefile.store.DuckDbStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real Prometheus, its blocks built by promtool from the fixture's OpenMetrics. */
class PrometheusRequestMetricsTest extends RequestMetricsContract {
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
    server = RealMetricsBackend.prometheus(dir, RequestFixture.series());
    changes = RequestFixture.changesOnly();
    reader = changes.connection();
    store = new PrometheusTelemetryReader(new PrometheusClient(server.base, PrometheusClient.Settings.DEFAULT),
        MetricsMapping.SPANMETRICS.withDimensions(RequestFixture.DIMENSIONS), new DuckDbTelemetryReader(reader)::changes);
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
