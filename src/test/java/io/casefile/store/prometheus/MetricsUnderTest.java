package io.casefile.store.prometheus;

import io.casefile.store.DuckDbStore;
import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.store.TelemetryReader;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A real metrics backend holding the fixture, read through the Prometheus source with change events
 * from a Casefile store of the fixture's changes only: what each backend's contract class reads.
 */
final class MetricsUnderTest implements AutoCloseable {
  private final RealMetricsBackend server;
  private final DuckDbStore changes;
  private final Connection connection;
  final TelemetryReader reader;

  private MetricsUnderTest(RealMetricsBackend server, MetricsMapping mapping) {
    this.server = server;
    this.changes = RequestFixture.changesOnly();
    this.connection = changes.connection();
    this.reader = new PrometheusTelemetryReader(new PrometheusClient(server.base, PrometheusClient.Settings.DEFAULT),
        mapping.withDimensions(RequestFixture.DIMENSIONS), new DuckDbTelemetryReader(connection)::changes);
  }

  static MetricsUnderTest open(RealMetricsBackend server, MetricsMapping mapping) {
    return new MetricsUnderTest(server, mapping);
  }

  @Override
  public void close() throws SQLException {
    server.close();
    connection.close();
    changes.close();
  }
}
