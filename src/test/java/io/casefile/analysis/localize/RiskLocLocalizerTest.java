package io.casefile.analysis.localize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RiskLocLocalizerTest {
  private final Localizer riskloc = Localizers.byName("riskloc");

  @Test
  void cutoffMirrorsTheNoiseSideBeyondTheRemovedExtremes() {
    // anomaly on the positive side (forecast above real); noise on the negative side
    double[] deviation = {-0.05, -0.04, -0.03, -0.02, -0.01, -0.009, -0.008, 0.01, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.0};
    double cutoff = RiskLocLocalizer.cutoff(deviation, 5);
    assertThat(cutoff).isEqualTo(0.009);
  }

  @Test
  void findsASingleDroppedElementUnderMultiplicativeNoise() {
    Random random = new Random(7);
    List<Leaf> leaves = new ArrayList<>();
    for (int a = 0; a < 5; a++) {
      for (int b = 0; b < 12; b++) {
        for (int c = 0; c < 6; c++) {
          double forecast = 10 + 500 * random.nextDouble();
          double real = forecast * (1 + 0.01 * random.nextGaussian());
          if (b == 3 && c == 1) real *= 0.4;
          leaves.add(new Leaf(List.of("a" + a, "b" + b, "c" + c), real, forecast));
        }
      }
    }
    Localization result = riskloc.localize(LocalizationProblem.additive(List.of("a", "b", "c"), leaves));

    assertThat(result.causes()).hasSize(1);
    assertThat(result.causes().get(0).attributes()).isEqualTo(Map.of("b", "b3", "c", "c1"));
    assertThat(result.causes().get(0).score()).isGreaterThanOrEqualTo(0.5);
  }

  @Test
  void findsTheFailingPaymentMethodInErrorCounts() {
    var cohort = Map.of("payment_method", "pix");
    Localization result = riskloc.localize(ErrorData.errors(1, cohort, 0.004, 0.7));

    assertThat(result.causes()).isNotEmpty();
    assertThat(result.causes().get(0).attributes()).isEqualTo(cohort);
  }
}
