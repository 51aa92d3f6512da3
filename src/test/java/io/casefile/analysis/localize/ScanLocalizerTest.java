package io.casefile.analysis.localize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScanLocalizerTest {
  private final Localizer scan = Localizers.byName("scan");

  private static List<Map<String, String>> found(Localization l) {
    return l.causes().stream().map(c -> (Map<String, String>) c.attributes()).toList();
  }

  @Test
  void findsTheOneFailingPaymentMethodInErrorCounts() {
    var cohort = Map.of("payment_method", "pix");
    Localization result = scan.localize(ErrorData.errors(1, cohort, 0.004, 0.7));

    assertThat(found(result)).containsExactly(cohort);
    assertThat(result.increases()).isEqualTo(result);
    RootCause cause = result.causes().get(0);
    assertThat(cause.explainedShare()).isBetween(0.9, 1.1);
    assertThat(cause.real()).isGreaterThan(10 * cause.predicted());
    assertThat(cause.score()).isGreaterThan(0.99);
  }

  @Test
  void findsATwoAttributeCohortRatherThanItsParentsOrChildren() {
    var cohort = Map.of("region", "eu-west", "service.version", "2.31.0");
    Localization result = scan.localize(ErrorData.errors(2, cohort, 0.01, 0.2));

    assertThat(found(result)).containsExactly(cohort);
  }

  @Test
  void findsTwoIndependentCohorts() {
    var first = Map.of("device", "android");
    var second = Map.of("region", "ap-south", "payment_method", "sepa");
    var problem = ErrorData.errors(3, first, 0.01, 0.3);
    List<Leaf> leaves = new ArrayList<>();
    Random random = new Random(3);
    for (Leaf l : problem.leaves()) {
      boolean inSecond = ErrorData.matches(l.values(), second);
      double real = inSecond ? ErrorData.poisson(random, l.predicted() * 15) : l.real();
      leaves.add(new Leaf(l.values(), real, l.predicted()));
    }
    Localization result = scan.localize(LocalizationProblem.additive(problem.attributes(), leaves));

    assertThat(found(result)).containsExactlyInAnyOrder(first, second);
  }

  @Test
  void saysNothingWhenErrorsFollowTheBaseline() {
    for (long seed = 10; seed < 20; seed++) {
      assertThat(scan.localize(ErrorData.errors(seed, Map.of(), 0.01, 0.01)).isEmpty())
          .as("seed %d", seed)
          .isTrue();
    }
  }

  @Test
  void saysNothingForAllZeroOrEmptyData() {
    var attributes = List.of("a", "b");
    var zeros = List.of(new Leaf(List.of("x", "y"), 0, 0), new Leaf(List.of("x", "z"), 0, 0));
    assertThat(scan.localize(LocalizationProblem.additive(attributes, zeros)).isEmpty()).isTrue();
    assertThat(scan.localize(LocalizationProblem.additive(attributes, List.of())).isEmpty()).isTrue();
  }

  @Test
  void findsADropInAnAdditiveKpiWithMultiplicativeNoise() {
    Random random = new Random(4);
    List<Leaf> leaves = new ArrayList<>();
    for (int a = 0; a < 6; a++) {
      for (int b = 0; b < 20; b++) {
        for (int c = 0; c < 8; c++) {
          double forecast = 5 + 2000 * random.nextDouble() * random.nextDouble();
          double real = forecast * (1 + 0.01 * random.nextGaussian());
          if (a == 2 && c == 5) real *= 0.6;
          leaves.add(new Leaf(List.of("a" + a, "b" + b, "c" + c), real, forecast));
        }
      }
    }
    Localization result = scan.localize(LocalizationProblem.additive(List.of("a", "b", "c"), leaves));

    assertThat(found(result)).containsExactly(Map.of("a", "a2", "c", "c5"));
    assertThat(result.causes().get(0).real()).isLessThan(result.causes().get(0).predicted());
    assertThat(result.causes().get(0).isIncrease()).isFalse();
    assertThat(result.increases().isEmpty()).isTrue();
  }

  @Test
  void saysNothingForAMeasureThatOnlyCarriesForecastNoise() {
    for (long seed = 30; seed < 40; seed++) {
      Random random = new Random(seed);
      List<Leaf> leaves = new ArrayList<>();
      for (int a = 0; a < 6; a++) {
        for (int b = 0; b < 20; b++) {
          for (int c = 0; c < 8; c++) {
            double forecast = 0.1 + 2000 * random.nextDouble() * random.nextDouble();
            double real = forecast * (1 + 0.01 * random.nextGaussian());
            leaves.add(new Leaf(List.of("a" + a, "b" + b, "c" + c), real, forecast));
          }
        }
      }
      var problem = LocalizationProblem.additive(List.of("a", "b", "c"), leaves);
      assertThat(scan.localize(problem).isEmpty()).as("seed %d", seed).isTrue();
    }
  }

  @Test
  void findsTheCohortWhoseRatioRoseInARatioKpi() {
    Random random = new Random(5);
    List<Leaf> leaves = new ArrayList<>();
    for (String cdn : List.of("1", "3", "5", "7")) {
      for (String bitrate : List.of("500", "1200", "2000", "4000")) {
        for (String p2p : List.of("0", "1")) {
          double viewers = 100 + random.nextInt(5000);
          double baselineViewers = viewers * (0.8 + 0.4 * random.nextDouble());
          double baselineStalls = ErrorData.poisson(random, baselineViewers * 0.02);
          double rate = bitrate.equals("2000") ? 0.15 : 0.02;
          double stalls = ErrorData.poisson(random, viewers * rate);
          leaves.add(new Leaf(List.of(cdn, bitrate, p2p), stalls, baselineStalls, viewers, baselineViewers));
        }
      }
    }
    var problem = new LocalizationProblem(List.of("cdn", "bitrate", "p2p"), leaves, Kpi.RATIO);

    assertThat(found(scan.localize(problem))).containsExactly(Map.of("bitrate", "2000"));
  }

  @Test
  void absorbsACauseIntoALaterCoarserOne() {
    var child = new RootCause(new java.util.TreeMap<>(Map.of("a", "1", "b", "2")), 1, 0.8, 10, 1);
    var parent = new RootCause(new java.util.TreeMap<>(Map.of("a", "1")), 1, 0.2, 3, 1);
    var other = new RootCause(new java.util.TreeMap<>(Map.of("c", "9")), 1, 0.1, 3, 1);

    assertThat(ScanLocalizer.absorbed(List.of(child, other, parent))).containsExactly(parent, other);
  }
}
