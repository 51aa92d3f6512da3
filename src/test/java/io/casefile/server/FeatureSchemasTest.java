package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.incident.IncidentRepository;
import io.casefile.incident.IncidentSymptom;
import io.casefile.incident.Severity;
import io.casefile.model.Flow;
import io.casefile.store.DuckDbStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store applies its own schemas and then the features', each statement once per database, in
 * the order databases have always recorded in {@code schema_migrations}: a database written before
 * keeps its rows and is never migrated again.
 */
class FeatureSchemasTest {
  /** Every (schema, step) a database records, in the order the store has always applied them. */
  static final List<String> RECORDED = List.of("core#0", "core#1", "core#2", "core#3", "core#4", "ingest_log#0",
      "log_templates#0", "log_templates#1", "incidents#0", "incidents#1", "incidents#2", "incidents#3", "incidents#4",
      "comms#0", "comms#1", "comms#2", "alerts#0", "alerts#1", "alerts#2", "drills#0", "drills#1");

  @TempDir Path dir;

  @Test
  void aNewDatabaseRecordsEveryStepOnceInTheHistoricalOrder() {
    try (DuckDbStore store = DuckDbStore.openDirectory(dir, FeatureSchemas.all())) {
      assertThat(migrations(store)).extracting(m -> m.split(" ")[0]).containsExactlyElementsOf(RECORDED);
    }
  }

  @Test
  void reopeningKeepsTheRecordedStepsAndTheFeaturesRows() {
    List<String> first;
    String id;
    try (DuckDbStore store = DuckDbStore.openDirectory(dir, FeatureSchemas.all());
        IncidentRepository incidents = new IncidentRepository(store.featureTables())) {
      first = migrations(store);
      id = incidents.create("checkout 500s", Severity.SEV2, "ana", new IncidentSymptom(
          Flow.parse("checkout:POST /checkout"), Map.of(), "errors", "checkouts fail", null),
          Instant.parse("2026-01-01T14:00:00Z"), "ana", null).id();
    }
    try (DuckDbStore store = DuckDbStore.openDirectory(dir, FeatureSchemas.all());
        IncidentRepository incidents = new IncidentRepository(store.featureTables())) {
      assertThat(migrations(store)).as("no step applied again").isEqualTo(first);
      assertThat(incidents.ids()).containsExactly(id);
      assertThat(incidents.create("again", Severity.SEV3, null, new IncidentSymptom(null, Map.of(), "errors", "x", null),
          Instant.parse("2026-01-01T15:00:00Z"), "ana", null).id()).as("the sequence goes on").isEqualTo("INC-2");
    }
    try (DuckDbStore store = DuckDbStore.openDirectory(dir)) {
      assertThat(migrations(store)).as("a tool opening the telemetry tables only leaves the rest alone").isEqualTo(first);
    }
  }

  /** {@code name#step applied_at}, in the order the rows were written. */
  private static List<String> migrations(DuckDbStore store) {
    return store.read(c -> {
      List<String> out = new ArrayList<>();
      try (var st = c.createStatement(); var rs = st.executeQuery(
          "SELECT schema_name || '#' || step, epoch_us(applied_at) FROM schema_migrations ORDER BY rowid")) {
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getLong(2));
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      return out;
    });
  }
}
