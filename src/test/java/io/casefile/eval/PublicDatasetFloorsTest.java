package io.casefile.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.analysis.localize.Localizers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The standard localizer on the public datasets, where present: the F1 floors of the issue. */
class PublicDatasetFloorsTest {

  private static double standardF1(LocalizationEvaluation evaluation, Path data) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    var f1 = evaluation.evaluate(data, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String report = bytes.toString(StandardCharsets.UTF_8).strip();
    String last = report.substring(report.lastIndexOf('\n') + 1);
    assertThat(last).startsWith("F1 ");
    return f1.get(Localizers.standard().name());
  }

  @Test
  void squeezeB0SubsetReachesF1OfAtLeast095() throws Exception {
    Path data = Datasets.folder().resolve("squeeze-b0-subset");
    assumeTrue(Files.isDirectory(data), "dataset absent: " + data);
    var evaluation = new SqueezeEvaluation(List.of(Localizers.standard()));
    assertThat(standardF1(evaluation, data)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void riskLocRsReachesF1OfAtLeast050() throws Exception {
    Path data = Datasets.folder().resolve("riskloc-rs");
    assumeTrue(Files.isDirectory(data), "dataset absent: " + data);
    var evaluation = new RiskLocRsEvaluation(List.of(Localizers.standard()));
    assertThat(standardF1(evaluation, data)).isGreaterThanOrEqualTo(0.50);
  }
}
