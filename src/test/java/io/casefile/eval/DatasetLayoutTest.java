package io.casefile.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.analysis.localize.Kpi;
import io.casefile.analysis.localize.Leaf;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLayoutTest {
  @TempDir Path dir;

  @Test
  void readsASqueezeFolderAndEndsWithTheF1Line() throws Exception {
    Path setting = Files.createDirectories(dir.resolve("B_cuboid_layer_1_n_ele_1"));
    Files.writeString(setting.resolve("injection_info.csv"),
        "normal_predict_amount,normal_predict_error,set,significance,timestamp\n1,1,b=b2,0.1,1000\n");
    StringBuilder csv = new StringBuilder("real,predict,a,b\n");
    Random random = new Random(1);
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 6; b++) {
        double forecast = 100 + random.nextInt(900);
        double real = forecast * (1 + 0.01 * random.nextGaussian()) * (b == 2 ? 0.5 : 1);
        csv.append(real).append(',').append(forecast).append(",a").append(a).append(",b").append(b).append('\n');
      }
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(setting.resolve("1000.csv.gz")))) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SqueezeEvaluation().run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(report).contains("B_cuboid_layer_1_n_ele_1").contains("riskloc").contains("scan");
    assertThat(report.strip()).endsWith("F1 1.000");
  }

  @Test
  void readsAnRsCaseWhateverTheColumnOrderWithTheMeanOfTheFourMinutesBefore() throws Exception {
    Path file = dir.resolve("case.csv");
    List<String> lines = new ArrayList<>(List.of("cdn,value,isp,min,cnt"));
    for (int m = 0; m <= 5; m++) {
      long minute = 6000 + 60L * m;
      lines.add("5," + (m == 5 ? 40 : 2 * m) + ",联通," + minute + "," + (100 + m));
      lines.add("7,1,电信," + minute + ",50");
    }
    Files.write(file, lines, StandardCharsets.UTF_8);

    var problem = RiskLocRsEvaluation.read(file, 6300);

    assertThat(problem.kpi()).isEqualTo(Kpi.RATIO);
    assertThat(problem.attributes()).containsExactly("cdn", "isp");
    Leaf unicom = problem.leaves().stream().filter(l -> l.values().get(1).equals("联通")).findFirst().orElseThrow();
    assertThat(unicom.real()).isEqualTo(40);
    assertThat(unicom.realDenominator()).isEqualTo(105);
    assertThat(unicom.predicted()).isEqualTo((2 + 4 + 6 + 8) / 4.0);
    assertThat(unicom.predictedDenominator()).isEqualTo((101 + 102 + 103 + 104) / 4.0);
  }

  @Test
  void readsLabelsFromTheOriginalAnomalyYamlWhenNoLabelsCsvExists() throws Exception {
    Files.writeString(dir.resolve("anomaly.yaml"), """
        - data: case1
          timestamp: 1566644880
          cause: {'bitrate':1200, 'p2p':1}
        - data: case2
          timestamp: 1566644940
          cause: [{'isp':'移动'}, {'cdn':5, 'bitrate':500}]
        """, StandardCharsets.UTF_8);

    var labels = RsLabels.read(dir);

    assertThat(labels).hasSize(2);
    assertThat(labels.get(0).truth()).containsExactly("bitrate=1200&p2p=1");
    assertThat(labels.get(1).timestamp()).isEqualTo(1566644940L);
    assertThat(labels.get(1).truth()).containsExactly("isp=移动", "bitrate=500&cdn=5");
  }

  @Test
  void aFolderWithoutTheLayoutGetsAClearError() {
    assertThatThrownBy(() -> new SqueezeEvaluation().run(dir, new PrintStream(OutputStream.nullOutputStream())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("injection_info.csv");
    assertThatThrownBy(() -> new RiskLocRsEvaluation().run(dir, new PrintStream(OutputStream.nullOutputStream())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels.csv");
  }
}
