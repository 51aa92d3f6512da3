package io.casefile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature's tables through the store: binding, reading, sequences, transactions, durability, failures. */
class FeatureTablesTest {
  static final Schema NOTES = Schema.of("notes", List.of(
      "CREATE SEQUENCE IF NOT EXISTS note_numbers START 1",
      "CREATE TABLE IF NOT EXISTS notes (id VARCHAR PRIMARY KEY, noted_at TIMESTAMP NOT NULL, done BOOLEAN NOT NULL, "
          + "score INTEGER, weight DOUBLE, ended TIMESTAMP)"));
  static final Instant AT = Instant.parse("2026-03-01T14:00:00.123456789Z");

  @Test
  void writesAndReadsBackEveryTypeWithInstantsAtMicrosecondPrecision() {
    try (DuckDbStore store = DuckDbStore.open(null, List.of(NOTES)); FeatureTables t = store.featureTables()) {
      assertThat(t.update("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?)",
          Arrays.asList("n1", AT, true, 7, 0.5, null))).isEqualTo(1);
      record Note(String id, Instant at, boolean done, Integer score, double weight, Instant ended) {}
      List<Note> rows = t.list("SELECT id, epoch_us(noted_at), done, score, weight, epoch_us(ended) FROM notes WHERE noted_at = ?",
          List.of(AT), r -> new Note(r.string(1), r.instant(2), r.bool(3), r.nullableInt(4), r.doubleValue(5),
              r.nullableInstant(6)));
      assertThat(rows).containsExactly(new Note("n1", Instant.parse("2026-03-01T14:00:00.123456Z"), true, 7, 0.5, null));
    }
  }

  @Test
  void sequencesCountUpAndNamesAreChecked() {
    try (DuckDbStore store = DuckDbStore.open(null, List.of(NOTES)); FeatureTables t = store.featureTables()) {
      assertThat(List.of(t.nextval("note_numbers"), t.nextval("note_numbers"))).containsExactly(1L, 2L);
      assertThatThrownBy(() -> t.nextval("x'); DROP TABLE notes; --")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aFailureIsAStoreExceptionNamingTheStatementWithItsValues() {
    try (DuckDbStore store = DuckDbStore.open(null, List.of(NOTES)); FeatureTables t = store.featureTables()) {
      t.update("INSERT INTO notes (id, noted_at, done) VALUES (?, ?, ?)", List.of("n1", AT, false));
      assertThatThrownBy(() -> t.update("INSERT INTO notes (id, noted_at, done) VALUES (?, ?, ?)", List.of("n1", AT, false)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("INSERT INTO notes (id, noted_at, done) VALUES ('n1', TIMESTAMP '2026-03-01 14:00:00.123456', false)");
      assertThatThrownBy(() -> t.list("SELECT score FROM notes", List.of(), r -> r.intValue(1)))
          .isInstanceOf(StoreException.class).hasMessageContaining("column 1 is null").hasMessageContaining("SELECT score");
      assertThatThrownBy(() -> t.list("SELECT noted_at FROM notes", List.of(), r -> r.instant(1)))
          .isInstanceOf(StoreException.class).hasMessageContaining("epoch_us");
    }
  }

  @Test
  void aTransactionCommitsAllOrNothing() {
    try (DuckDbStore store = DuckDbStore.open(null, List.of(NOTES)); FeatureTables t = store.featureTables()) {
      assertThatThrownBy(() -> t.inTransaction(() -> {
        t.update("INSERT INTO notes (id, noted_at, done) VALUES (?, ?, ?)", List.of("a", AT, false));
        return t.update("INSERT INTO notes (id, noted_at, done) VALUES (?, ?, ?)", List.of("a", AT, false));
      })).isInstanceOf(StoreException.class);
      assertThat(count(t)).isZero();
      t.inTransaction(() -> {
        t.update("INSERT INTO notes (id, noted_at, done) VALUES (?, ?, ?)", List.of("a", AT, false));
        return t.update("INSERT INTO notes (id, noted_at, done) VALUES (?, ?, ?)", List.of("b", AT, false));
      });
      assertThat(count(t)).isEqualTo(2);
    }
  }

  @Test
  void anAcknowledgedWriteSurvivesReopeningAndTheReadOnlyViewSeesIt(@TempDir Path dir) throws Exception {
    assertThat(DuckDbStore.readOnlyTables(dir)).as("no database yet").isEmpty();
    try (DuckDbStore store = DuckDbStore.openDirectory(dir, List.of(NOTES))) {
      FeatureTables t = store.featureTables();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String id = "n" + i;
        writes.add(pool.submit(() -> t.update("INSERT INTO notes (id, noted_at, done) VALUES (?, ?, ?)", List.of(id, AT, true))));
      }
      for (Future<Integer> w : writes) {
        assertThat(w.get()).isEqualTo(1);
      }
      pool.shutdown();
    } // the store closes the handle it gave out
    try (FeatureTables ro = DuckDbStore.readOnlyTables(dir).orElseThrow()) {
      assertThat(ro.hasTable("notes")).isTrue();
      assertThat(ro.hasTable("drills_of_another_release")).isFalse();
      assertThat(count(ro)).isEqualTo(40);
    }
  }

  @Test
  void aClosedHandleRefusesWork() {
    try (DuckDbStore store = DuckDbStore.open(null, List.of(NOTES))) {
      FeatureTables t = store.featureTables();
      t.close();
      assertThatThrownBy(() -> count(t)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
  }

  private static long count(FeatureTables t) {
    return t.list("SELECT count(*) FROM notes", List.of(), r -> r.longValue(1)).get(0);
  }
}
