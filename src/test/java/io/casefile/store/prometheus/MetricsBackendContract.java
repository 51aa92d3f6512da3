package io.casefile.store.prometheus;

import io.casefile.store.TelemetryReader;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/** The contract over a real metrics backend: a subclass starts its backend once, in its {@code @BeforeAll}. */
abstract class MetricsBackendContract extends RequestMetricsContract {
  static MetricsUnderTest backend;

  @AfterAll
  static void stop() throws SQLException {
    if (backend != null) {
      backend.close();
      backend = null;
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
