package io.casefile.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoghubEvaluationTest {
  /** Drain's published GA on Loghub-2k (Loghub-2.0, ISSTA 2024) for the systems we hold. */
  private static final Map<String, Double> DRAIN_GA = Map.of(
      "Apache", 1.000, "BGL", 0.963, "HDFS", 0.998, "Hadoop", 0.948, "HealthApp", 0.780,
      "Linux", 0.690, "OpenStack", 0.733, "Proxifier", 0.526, "Thunderbird", 0.955, "Zookeeper", 0.967);

  static Path datasets() {
    String prop = System.getProperty("casefile.datasets");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    String env = System.getenv("CASEFILE_DATASETS");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Path.of(env);
    }
    return Path.of("..", "shared", "datasets");
  }

  @Test
  void meetsTheAccuracyFloorsOnLoghub2k() throws IOException {
    Path data = datasets().resolve("loghub-2k");
    assumeTrue(Files.isDirectory(data), "Loghub-2k not found under " + datasets() + "; skipping");
    List<LoghubEvaluation.Score> scores = LoghubEvaluation.scoreAll(data);
    double ga = scores.stream().mapToDouble(LoghubEvaluation.Score::ga).average().orElseThrow();
    double pa = scores.stream().mapToDouble(LoghubEvaluation.Score::pa).average().orElseThrow();
    assertThat(ga).as("mean GA").isGreaterThanOrEqualTo(0.90);
    assertThat(pa).as("mean PA").isGreaterThanOrEqualTo(0.60);
    for (LoghubEvaluation.Score s : scores) {
      Double drain = DRAIN_GA.get(s.system());
      if (drain != null) {
        assertThat(s.ga()).as("GA on %s against Drain's %.3f", s.system(), drain).isGreaterThanOrEqualTo(drain - 0.02);
      }
    }
  }

  @Test
  void printsOneLinePerSystemThenTheMeans(@TempDir Path dir) throws IOException {
    Path s = Files.createDirectories(dir.resolve("Tiny"));
    Files.writeString(s.resolve("Tiny" + LoghubEvaluation.SUFFIX), """
        LineId,Content,EventId,EventTemplate
        1,"user 12 logged in, ok",E1,"user <*> logged in, ok"
        2,"user 13 logged in, ok",E1,"user <*> logged in, ok"
        3,disk full,E2,disk full
        """, StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("NotASystem"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new LoghubEvaluation().run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("Tiny").contains("GA 1.000").contains("PA 1.000");
    assertThat(lines.get(1)).isEqualTo("GA 1.000 PA 1.000");
  }

  @Test
  void refusesAFolderWithoutSystems(@TempDir Path dir) {
    assertThatThrownBy(() -> new LoghubEvaluation().run(dir, System.out))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(dir.toString());
  }

  @Test
  void groupingAccuracyCountsOnlyExactGroups() {
    String[] truth = {"a", "a", "b", "c", "c"};
    assertThat(LoghubEvaluation.groupingAccuracy(truth, new long[] {1, 1, 2, 3, 3})).isEqualTo(5);
    assertThat(LoghubEvaluation.groupingAccuracy(truth, new long[] {1, 1, 1, 3, 3})).isEqualTo(2);
    assertThat(LoghubEvaluation.groupingAccuracy(truth, new long[] {1, 2, 3, 4, 4})).isEqualTo(3);
  }

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
    var rows = LoghubCsv.read(new StringReader(
        "a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n2,,\"\"\n3,last,no-newline"));
    assertThat(rows).containsExactly(
        List.of("a", "b", "c"),
        List.of("1", "x, \"y\"", "two\nlines"),
        List.of("2", "", ""),
        List.of("3", "last", "no-newline"));
    assertThatThrownBy(() -> LoghubCsv.read(new StringReader("a,\"open")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 1");
  }

  @Test
  void correctsTemplatesLikeLoghub2() {
    assertThat(LoghubTemplateCorrection.correct("  Found  child 6725 in /var/log/x.log, state true "))
        .isEqualTo("Found child <*> in <*>, state <*>");
    assertThat(LoghubTemplateCorrection.correct("blk_<*> at <*>.<*>.<*> and <*><*>")).isEqualTo("<*> at <*> and <*>");
    assertThat(LoghubTemplateCorrection.correct("<*>:<*> open through proxy <*>:<*> HTTPS"))
        .isEqualTo("<*>:<*> open through proxy <*>:<*> HTTPS");
  }
}
