package io.casefile.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.store.DuckDbStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drills kept through the store: every field back as written, and the last world end of a data folder. */
class DrillRepositoryTest {
  static final Instant START = Instant.parse("2026-03-01T14:00:00.5Z");

  @TempDir Path dir;

  @Test
  void aDrillIsReadBackAsWrittenThroughItsLife() {
    try (DuckDbStore store = DuckDbStore.openDirectory(dir, List.of(DrillRepository.SCHEMA));
        DrillRepository drills = new DrillRepository(store.featureTables())) {
      DrillRecord started = drills.create("ana", "bad-deploy", 42, 20.0, START, START.plusSeconds(4200));
      assertThat(drills.find(started.id())).contains(started);
      drills.paged(started.id(), "INC-1", START.plusSeconds(600), "checkout errors");
      drills.ended(started.id(), DrillRecord.ENDED, START.plusSeconds(900), 87, "{\"score\":87}");
      DrillRecord second = drills.create("bo", "flag-flip", 7, 1.0, START.plusSeconds(5000), START.plusSeconds(9000));
      drills.abandonRunning(START.plusSeconds(9100));
      assertThat(drills.list()).containsExactly(
          new DrillRecord(started.id(), "ana", "bad-deploy", 42, 20.0, START, START.plusSeconds(4200), DrillRecord.ENDED,
              "INC-1", START.plusSeconds(600), "checkout errors", START.plusSeconds(900), 87, "{\"score\":87}"),
          new DrillRecord(second.id(), "bo", "flag-flip", 7, 1.0, START.plusSeconds(5000), START.plusSeconds(9000),
              DrillRecord.ABANDONED, null, null, null, START.plusSeconds(9100), null, null));
    }
    assertThat(DrillRepository.lastWorldEnd(dir)).as("to the second").isEqualTo(Instant.parse("2026-03-01T16:30:00Z"));
  }

  @Test
  void aFolderWithoutDrillsHasNoLastWorldEnd() {
    assertThat(DrillRepository.lastWorldEnd(dir)).as("no database").isNull();
    DuckDbStore.openDirectory(dir).close(); // telemetry tables only, as an older release left it
    assertThat(DrillRepository.lastWorldEnd(dir)).as("no drills table").isNull();
    DuckDbStore.openDirectory(dir, List.of(DrillRepository.SCHEMA)).close();
    assertThat(DrillRepository.lastWorldEnd(dir)).as("no drill yet").isNull();
  }
}
