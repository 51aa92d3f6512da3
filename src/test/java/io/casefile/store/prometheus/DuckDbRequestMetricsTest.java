package io.casefile.store.prometheus;

import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.store.TelemetryReader;
import io.casefile.store.DuckDbStore;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract over the embedded store: the fixture written as spans through the normal write path. */
class DuckDbRequestMetricsTest extends RequestMetricsContract {
  private static DuckDbStore db;
  private static Connection reader;
  private static TelemetryReader store;

  @BeforeAll
  static void write() {
    db = RequestFixture.duckDb();
    reader = db.connection();
    store = new DuckDbTelemetryReader(reader);
  }

  @AfterAll
  static void close() throws SQLException {
    reader.close();
    db.close();
  }

  @Override
  TelemetryReader store() {
    return store;
  }

  @Override
  boolean hasTraces() {
    return true;
  }
}
