package io.casefile.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.model.ChangeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFolderTest {
  static final SimulationOptions TINY = new SimulationOptions(3, Instant.parse("2026-05-04T09:00:00Z"),
      Duration.ofMinutes(5), Duration.ofMinutes(6), 2);

  /** Everything a run sends, in order: change ids and payload digests. */
  static List<String> sent(Scenario scenario, SimulationOptions options) throws IOException {
    var out = new ArrayList<String>();
    ShopSimulation.run(scenario, options, recorder(out));
    return out;
  }

  static ScenarioSink recorder(List<String> out) {
    return new ScenarioSink() {
      @Override
      public void change(ChangeEvent c) {
        out.add("change " + c.id() + " " + c.timestamp());
      }

      @Override
      public void payload(Payload p) {
        out.add(p.signal() + " " + p.time() + " " + sha256(p.body()));
      }
    };
  }

  @Test
  void theSameSeedGivesByteIdenticalDataAndAnotherSeedDoesNot() throws IOException {
    List<String> first = sent(Scenario.TWO_CHANGES, TINY);
    assertThat(sent(Scenario.TWO_CHANGES, TINY)).isEqualTo(first);
    assertThat(sent(Scenario.TWO_CHANGES, TINY.withSeed(4))).isNotEqualTo(first)
        .filteredOn(s -> s.startsWith("change")).isEqualTo(first.stream().filter(s -> s.startsWith("change")).toList());
  }

  @Test
  void aWrittenFolderReadsBackAndReplaysInTheOriginalOrder(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("bad-deploy");
    GroundTruth truth = ScenarioFolder.write(Scenario.BAD_DEPLOY, TINY, dir);

    ScenarioFolder folder = ScenarioFolder.read(dir);
    assertThat(folder.truth()).isEqualTo(truth);
    assertThat(folder.changes()).extracting(ChangeEvent::id).containsExactlyElementsOf(truth.changeIds());
    assertThat(folder.entries()).filteredOn(ScenarioFolder.Entry::isChange).hasSize(2);
    assertThat(Files.list(dir.resolve("payloads")).count()).isEqualTo(folder.entries().size() - 2);
    var replayed = new ArrayList<String>();
    folder.replay(recorder(replayed));
    assertThat(replayed).isEqualTo(sent(Scenario.BAD_DEPLOY, TINY));
    assertThat(Files.readString(dir.resolve("truth.json")))
        .contains("\"causal_change_id\" : \"chg-bad-deploy-payments-2.31.0\"", "\"affected_cohort\"");
  }

  @Test
  void writingIntoAFolderThatHoldsFilesIsRefused(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("something"), "x");
    assertThatThrownBy(() -> ScenarioFolder.write(Scenario.BAD_DEPLOY, TINY, tmp))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not empty");
  }

  @Test
  void readingSomethingThatIsNotAScenarioFolderNamesWhatIsMissing(@TempDir Path tmp) throws IOException {
    assertThatThrownBy(() -> ScenarioFolder.read(tmp.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> ScenarioFolder.read(tmp))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truth.json");
    Files.writeString(tmp.resolve("truth.json"), "{not json");
    assertThatThrownBy(() -> ScenarioFolder.read(tmp))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
  }

  @Test
  void badOptionsAndNamesAreRefusedWithTheValue() {
    assertThatThrownBy(() -> Scenario.byName("bad-deploi"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad-deploi").hasMessageContaining("two-changes");
    assertThatThrownBy(() -> new SimulationOptions(1, TINY.start(), Duration.ofMinutes(1), Duration.ofMinutes(10), 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline");
    assertThatThrownBy(() -> new SimulationOptions(1, TINY.start(), Duration.ofMinutes(10), Duration.ofMinutes(10), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    assertThat(Scenario.byName(" Two-Changes ")).isEqualTo(Scenario.TWO_CHANGES);
  }

  @Test
  void dataEndsAtTheGivenEndByDefault() {
    Instant end = Instant.parse("2026-05-04T10:00:00.750Z");
    var o = SimulationOptions.endingAt(end, 1, Duration.ofMinutes(60), Duration.ofMinutes(15), 12);
    assertThat(o.end()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
    assertThat(ShopSimulation.truth(Scenario.BAD_DEPLOY, o).dataEnd()).isEqualTo(o.end());
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
