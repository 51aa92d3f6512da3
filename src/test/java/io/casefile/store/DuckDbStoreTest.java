package io.casefile.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.ChangeEvent;
import io.casefile.model.TimeRange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreTest {
  static DuckDbStore fill(DuckDbStore s, List<TelemetryBatch> spans, List<ChangeEvent> changes) {
    for (TelemetryBatch b : spans) {
      s.write(List.of(b), TelemetryStoreContract.T0);
    }
    changes.forEach(c -> s.recordChange(c, TelemetryStoreContract.T0));
    return s;
  }

  @Nested
  class InMemory extends TelemetryStoreContract {
    @Override
    protected TelemetryStore storeWith(List<TelemetryBatch> spans, List<ChangeEvent> changes) {
      return fill(DuckDbStore.inMemory(), spans, changes);
    }
  }

  @Nested
  class FileBacked extends TelemetryStoreContract {
    @TempDir Path dir;

    @Override
    protected TelemetryStore storeWith(List<TelemetryBatch> spans, List<ChangeEvent> changes) {
      fill(DuckDbStore.openDirectory(dir), spans, changes).close();
      return DuckDbStore.openDirectory(dir); // reopened: what was written is read back from the file
    }
  }

  @Test
  void aNewServiceVersionDerivesADeployChangeWithThePreviousVersion() {
    try (DuckDbStore s = DuckDbStore.inMemory()) {
      var t0 = TelemetryStoreContract.T0;
      s.write(List.of(TelemetryBatch.ofSpans(List.of(TelemetryStoreContract.span("pay", "2.30.4", "/pay", 200, 1, t0)))), t0);
      var derived = s.write(List.of(TelemetryBatch.ofSpans(List.of(
          TelemetryStoreContract.span("pay", "2.31.0", "/pay", 500, 1, t0.plusSeconds(60)),
          TelemetryStoreContract.span("pay", "2.31.0", "/pay", 500, 1, t0.plusSeconds(61))))), t0);
      assertThat(derived).hasSize(1);
      var changes = s.changes(new TimeRange(t0, t0.plusSeconds(3600)), "pay").rows();
      assertThat(changes).hasSize(1);
      ChangeEvent c = changes.get(0);
      assertThat(c.derived()).isTrue();
      assertThat(c.type().wireName()).isEqualTo("deploy");
      assertThat(c.version()).isEqualTo("2.31.0");
      assertThat(c.previousVersion()).isEqualTo("2.30.4");
      assertThat(c.timestamp()).isEqualTo(t0.plusSeconds(60));
      // seen again: no second change
      assertThat(s.write(List.of(TelemetryBatch.ofSpans(List.of(
          TelemetryStoreContract.span("pay", "2.31.0", "/pay", 200, 1, t0.plusSeconds(90))))), t0)).isEmpty();
    }
  }

  @Test
  void aDerivedDeployMovesToAnEarlierSightingCommittedLater() {
    try (DuckDbStore s = DuckDbStore.inMemory()) {
      var t0 = TelemetryStoreContract.T0;
      s.write(List.of(TelemetryBatch.ofSpans(List.of(TelemetryStoreContract.span("pay", "1", "/pay", 200, 1, t0)))), t0);
      s.write(List.of(TelemetryBatch.ofSpans(List.of(TelemetryStoreContract.span("pay", "2", "/pay", 200, 1, t0.plusSeconds(90))))), t0);
      s.write(List.of(TelemetryBatch.ofSpans(List.of(TelemetryStoreContract.span("pay", "2", "/pay", 200, 1, t0.plusSeconds(60))))), t0);
      var changes = s.changes(new TimeRange(t0, t0.plusSeconds(3600)), "pay").rows();
      assertThat(changes).hasSize(1);
      assertThat(changes.get(0).timestamp()).isEqualTo(t0.plusSeconds(60));
    }
  }

  @Test
  void theFirstVersionOfANewServiceIsNotADeploy() {
    try (DuckDbStore s = DuckDbStore.inMemory()) {
      var t0 = TelemetryStoreContract.T0;
      assertThat(s.write(List.of(TelemetryBatch.ofSpans(List.of(
          TelemetryStoreContract.span("new", "1.0", "/", 200, 1, t0)))), t0)).isEmpty();
    }
  }

  @Test
  void concurrentWritersAddingNewKeysKeepEveryValueInItsColumn() throws Exception {
    try (DuckDbStore s = DuckDbStore.open(null, Schemas.all(), new DuckDbStore.KeyPolicy(256, 10, 0.1, 64))) {
      var t0 = TelemetryStoreContract.T0;
      List<Thread> threads = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        threads.add(Thread.ofPlatform().start(() -> {
          for (int g = 0; g < 20; g++) {
            String key = "k" + (g % 7);
            s.write(List.of(TelemetryBatch.ofSpans(List.of(TelemetryStoreContract.span("svc" + thread, "1", "/", 200, 1,
                t0.plusSeconds(g), key, key + "-value")))), t0);
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      long wrong = s.read(c -> {
        var attrs = SpanAttributes.read(c);
        String all = String.join(", ", java.util.stream.IntStream.range(0, 7).mapToObj(i -> attrs.expression("k" + i)).toList());
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM spans WHERE NOT ("
            + "coalesce(" + all + ") = concat_ws('', " + all + ") "
            + "AND coalesce(" + all + ") LIKE 'k_-value')")) {
          rs.next();
          return rs.getLong(1);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(wrong).isZero();
      assertThat(s.keyStats().columns()).as("k0..k6 promoted by use").isEqualTo(CoreSchema.PROMOTED_KEYS.size() + 7);
      assertThat(s.services().rows()).allSatisfy(r -> assertThat(r.spans()).isEqualTo(20));
    }
  }

  @Test
  void registeredSchemasApplyOnceInOrder() {
    Schema feature = Schema.of("feature_x", List.of(
        "CREATE TABLE feature_x (id INTEGER)", "ALTER TABLE feature_x ADD COLUMN note VARCHAR"));
    try (DuckDbStore s = DuckDbStore.open(null, List.of(Schemas.all().get(0), feature))) {
      int columns = s.read(c -> {
        try (var st = c.createStatement();
            var rs = st.executeQuery("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'feature_x'")) {
          rs.next();
          return rs.getInt(1);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(columns).isEqualTo(2);
    }
  }

  @Test
  void reopeningAFileDoesNotReapplyMigrations(@TempDir Path dir) {
    Schema feature = Schema.of("feature_y", List.of("CREATE TABLE feature_y (id INTEGER)"));
    List<Schema> schemas = List.of(Schemas.all().get(0), feature);
    DuckDbStore.open(dir.resolve("x.duckdb"), schemas).close();
    DuckDbStore.open(dir.resolve("x.duckdb"), schemas).close(); // a plain CREATE TABLE would fail if re-run
  }

  @Test
  void attributeKeysEqualToFixedColumnsGoToAttrPrefixedColumns() {
    try (DuckDbStore s = DuckDbStore.open(null, Schemas.all(), new DuckDbStore.KeyPolicy(256, 1, 1.0, 64))) {
      var t0 = TelemetryStoreContract.T0;
      for (int i = 0; i < 2; i++) { // the second write promotes the keys the first one used
        s.write(List.of(TelemetryBatch.ofSpans(List.of(
            TelemetryStoreContract.span("svc", "1", "/", 200, 1, t0, "name", "n1", "weird \"key\"", "v")))), t0);
      }
      var keys = s.attributeKeys().rows();
      assertThat(keys).extracting(AttributeKey::key, AttributeKey::column)
          .contains(org.assertj.core.groups.Tuple.tuple("name", "attr.name"),
              org.assertj.core.groups.Tuple.tuple("weird \"key\"", "weird \"key\""));
    }
  }
}
