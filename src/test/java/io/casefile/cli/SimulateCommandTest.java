package io.casefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  @Test
  void simulateWritesPayloadsChangesAndTruthPerScenario(@TempDir Path tmp) {
    int code = Main.run("simulate", "--scenario", "third-party-outage", "--out", tmp.toString(), "--seed", "5",
        "--start", "2026-02-01T08:00:00Z", "--baseline", "5m", "--incident", "6m", "--rate", "2");

    assertThat(code).isZero();
    Path dir = tmp.resolve("third-party-outage");
    assertThat(dir.resolve("truth.json")).exists();
    assertThat(dir.resolve("changes.json")).hasContent("[ ]");
    assertThat(dir.resolve("payloads/000001-traces.pb")).exists();
  }

  @Test
  void badArgumentsExitWithTwoAndNoFiles(@TempDir Path tmp) throws Exception {
    assertThat(Main.run("simulate", "--scenario", "nope", "--out", tmp.toString())).isEqualTo(2);
    assertThat(Main.run("simulate", "--scenario", "all", "--out", tmp.toString(), "--start", "yesterday"))
        .isEqualTo(2);
    assertThat(Main.run("demo", "--scenario", "bad-deploy", "--speed", "-3", "--no-browser")).isEqualTo(2);
    try (var files = Files.list(tmp)) {
      assertThat(files).isEmpty();
    }
  }
}
