package io.casefile.analysis.localize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class LocalizerProperties {

  @Property(tries = 25, seed = "20260101")
  void everyLocalizerIgnoresTheOrderOfLeaves(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 4) int payment) {
    var cohort = Map.of("payment_method", ErrorData.VALUES.get(2).get(payment));
    LocalizationProblem problem = ErrorData.errors(seed, cohort, 0.01, 0.1);
    List<Leaf> shuffled = new ArrayList<>(problem.leaves());
    Collections.shuffle(shuffled, new Random(seed));
    var reordered = new LocalizationProblem(problem.attributes(), shuffled, problem.kpi());
    for (Localizer localizer : Localizers.all()) {
      assertThat(localizer.localize(reordered)).as(localizer.name()).isEqualTo(localizer.localize(problem));
    }
  }

  @Property(tries = 40, seed = "20260102")
  void theStandardLocalizerFindsAnInjectedSingleCause(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 3) int firstAttribute,
      @ForAll @IntRange(min = 0, max = 3) int secondAttribute,
      @ForAll @IntRange(min = 0, max = 100) int valuePick,
      @ForAll @DoubleRange(min = 0.15, max = 0.9) double cohortRate) {
    Map<String, String> cohort = new TreeMap<>();
    for (int a : new int[] {firstAttribute, secondAttribute}) {
      List<String> values = ErrorData.VALUES.get(a);
      cohort.put(ErrorData.ATTRIBUTES.get(a), values.get((valuePick + a) % values.size()));
    }
    Localization result = Localizers.standard().localize(ErrorData.errors(seed, cohort, 0.01, cohortRate));

    assertThat(result.causes()).hasSize(1);
    assertThat(result.causes().get(0).attributes()).isEqualTo(cohort);
  }

  @Property(tries = 40, seed = "20260103")
  void theStandardLocalizerSaysNothingWithoutAnAnomaly(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0.0005, max = 0.2) @net.jqwik.api.constraints.Scale(4) double rate) {
    assertThat(Localizers.standard().localize(ErrorData.errors(seed, Map.of(), rate, rate)).causes()).isEmpty();
  }

  @Property(tries = 25, seed = "20260104")
  void explainedSharesOfTheStandardLocalizerAreFiniteAndCausesDistinct(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0.0, max = 0.5) double cohortRate) {
    Localization result = Localizers.standard()
        .localize(ErrorData.errors(seed, Map.of("device", "web"), 0.02, cohortRate));
    assertThat(result.causes()).doesNotHaveDuplicates();
    for (RootCause c : result.causes()) {
      assertThat(c.explainedShare()).isFinite();
      assertThat(c.score()).isBetween(0.0, 1.0);
    }
  }
}
