package io.casefile.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
  static final java.time.Instant T0 = TelemetryStoreContract.T0;

  @TempDir Path dir;

  @Test
  void theWindowsAreWrittenWithTheirRowCountsAndReopenAsAStore() throws Exception {
    var windows = new SnapshotFiles.Windows(T0.plusSeconds(200), T0.plusSeconds(300), T0, T0, 10, 42, 1_000);
    List<SnapshotFiles.File> files;
    try (DuckDbStore live = DuckDbStoreTest.fill(DuckDbStore.inMemory(), TelemetryStoreContract.fixtureSpans(),
        TelemetryStoreContract.fixtureChanges()); Connection c = live.connection()) {
      files = SnapshotFiles.on(c).export(dir, windows);
    }
    assertThat(files).extracting(SnapshotFiles.File::part).containsExactlyElementsOf(SnapshotFiles.PARTS);
    Map<String, Long> rows = files.stream().collect(Collectors.toMap(SnapshotFiles.File::part, SnapshotFiles.File::rows));
    // the window holds 40 requests; the baseline sample 10 of the 100 before it; the day's changes are the
    // two recorded and the deploy derived from checkout's new version
    assertThat(rows).containsEntry("spans", 40L).containsEntry("spans_baseline", 10L).containsEntry("changes", 3L)
        .containsEntry("logs", 0L);
    assertThat(files).allSatisfy(f -> assertThat(f.path()).exists());

    try (TelemetryStore frozen = SnapshotFiles.open(dir)) {
      var flows = frozen.flows(new TimeRange(T0, T0.plusSeconds(300))).rows();
      assertThat(flows.stream().mapToLong(FlowStats::requests).sum()).isEqualTo(50);
      assertThat(frozen.changes(new TimeRange(T0, T0.plusSeconds(300)), null).rows()).hasSize(3);
    }
  }

  @Test
  void aTableTheDatabaseLacksIsNotWrittenAndCountsNothing() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE changes (id VARCHAR, timestamp TIMESTAMP)");
      st.execute("INSERT INTO changes VALUES ('c1', TIMESTAMP '2026-03-01 12:00:30')");
      var files = SnapshotFiles.on(c).export(dir, new SnapshotFiles.Windows(T0, T0.plusSeconds(60), T0.minusSeconds(60),
          T0.minusSeconds(3600), 5, 42, 100));
      assertThat(files).filteredOn(f -> f.path() == null).extracting(SnapshotFiles.File::part)
          .containsExactly("spans", "spans_baseline", "logs", "metric_points", "service_versions");
      assertThat(files).filteredOn(f -> f.path() == null).extracting(SnapshotFiles.File::rows).containsOnly(0L);
      assertThat(files.get(3).rows()).isEqualTo(1);
      assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactly("changes.parquet");
    }
  }
}
