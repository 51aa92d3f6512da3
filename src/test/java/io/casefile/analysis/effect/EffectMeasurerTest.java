package io.casefile.analysis.effect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EffectMeasurerTest {
  static final Instant ACTION = Instant.parse("2026-01-01T14:20:00Z");
  static final Duration WINDOW = Duration.ofMinutes(5);
  final EffectMeasurer measurer = new EffectMeasurer();

  /** 10 s buckets from action-5m to action+5m with the given error rate before and after. */
  static List<Bucket> series(int perBucket, double before, double after, int lagBuckets) {
    List<Bucket> out = new ArrayList<>();
    for (int i = -30; i < 30; i++) {
      double rate = i < lagBuckets ? before : after;
      out.add(new Bucket(ACTION.plusSeconds(10L * i), perBucket, Math.round(perBucket * rate)));
    }
    return out;
  }

  @Test
  void rollbackThatStopsTheErrorsHelpedWithDifferenceInDifferences() {
    var m = measurer.measure(series(100, 0.5, 0.01, 3), series(100, 0.01, 0.01, 0), ACTION, WINDOW, false);
    assertThat(m.verdict()).isEqualTo(EffectVerdict.HELPED);
    assertThat(m.differenceInDifferences()).isTrue();
    assertThat(m.changePoint()).isEqualTo(ACTION.plusSeconds(30));
    // the roll-out lag is excluded from the after window
    assertThat(m.treatedAfter().rate()).isEqualTo(0.01);
    assertThat(m.treatedBefore().rate()).isEqualTo(0.5);
    assertThat(m.estimate()).isLessThan(-0.4);
    assertThat(m.explanation()).contains("50.00% -> 1.00%", "control");
  }

  @Test
  void recoveryEveryoneSawIsNotCreditedToTheAction() {
    var m = measurer.measure(series(100, 0.3, 0.02, 0), series(100, 0.3, 0.02, 0), ACTION, WINDOW, false);
    assertThat(m.change()).isLessThan(-0.25);
    assertThat(m.estimate()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.verdict()).isEqualTo(EffectVerdict.NO_MEASURABLE_EFFECT);
  }

  @Test
  void aControlTheActionAlsoReachedIsNotAControl() {
    // the mitigation made things worse for everyone: cohort 24.8% -> 60.7%, control 0% -> 36.9%
    var cohort = series(100, 0.248, 0.607, 0);
    var control = series(100, 0.0, 0.369, 0);
    var m = measurer.measure(cohort, control, ACTION, WINDOW, false, true);
    assertThat(m.verdict()).isEqualTo(EffectVerdict.MADE_IT_WORSE);
    assertThat(m.differenceInDifferences()).isFalse();
    assertThat(m.explanation()).contains("not a control", "before/after");
    // a control out of the action's scope stays one
    var scoped = measurer.measure(cohort, control, ACTION, WINDOW, false, false);
    assertThat(scoped.differenceInDifferences()).isTrue();
  }

  @Test
  void aControlInScopeThatKeptItsTrendStaysAControl() {
    var m = measurer.measure(series(100, 0.5, 0.01, 3), series(100, 0.01, 0.01, 0), ACTION, WINDOW, false, true);
    assertThat(m.verdict()).isEqualTo(EffectVerdict.HELPED);
    assertThat(m.differenceInDifferences()).isTrue();
  }

  @Test
  void risingErrorsMadeItWorse() {
    var m = measurer.measure(series(100, 0.02, 0.3, 0), List.of(), ACTION, WINDOW, false);
    assertThat(m.verdict()).isEqualTo(EffectVerdict.MADE_IT_WORSE);
    assertThat(m.differenceInDifferences()).isFalse();
  }

  @Test
  void overlappingChangeIsConfoundedWhateverTheNumbers() {
    var m = measurer.measure(series(100, 0.5, 0.01, 0), series(100, 0.01, 0.01, 0), ACTION, WINDOW, true);
    assertThat(m.verdict()).isEqualTo(EffectVerdict.CONFOUNDED);
    assertThat(m.explanation()).contains("overlapped", "helped");
  }

  @Test
  void tooLittleTrafficIsNoMeasurableEffect() {
    var m = measurer.measure(series(0, 0, 0, 0), List.of(), ACTION, WINDOW, false);
    assertThat(m.verdict()).isEqualTo(EffectVerdict.NO_MEASURABLE_EFFECT);
    assertThat(m.explanation()).contains("too few requests");
  }

  @Test
  void rejectsNonPositiveWindow() {
    assertThatThrownBy(() -> measurer.measure(List.of(), List.of(), ACTION, Duration.ZERO, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
  }

  @Property(tries = 200, seed = "42")
  void swappingBeforeAndAfterFlipsHelpedAndWorse(
      @ForAll @IntRange(min = 0, max = 100) int before, @ForAll @IntRange(min = 0, max = 100) int after) {
    var forward = measurer.measure(series(200, before / 100.0, after / 100.0, 0), List.of(), ACTION, WINDOW, false);
    var backward = measurer.measure(series(200, after / 100.0, before / 100.0, 0), List.of(), ACTION, WINDOW, false);
    if (forward.verdict() == EffectVerdict.HELPED) {
      assertThat(backward.verdict()).isIn(EffectVerdict.MADE_IT_WORSE, EffectVerdict.NO_MEASURABLE_EFFECT);
    }
    if (backward.verdict() == EffectVerdict.HELPED) {
      assertThat(forward.verdict()).isIn(EffectVerdict.MADE_IT_WORSE, EffectVerdict.NO_MEASURABLE_EFFECT);
    }
    assertThat(forward.estimate()).isCloseTo(-backward.estimate(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Property(tries = 200, seed = "7")
  void sameShiftInTreatedAndControlGivesZeroEstimate(
      @ForAll @IntRange(min = 0, max = 50) int base, @ForAll @IntRange(min = 0, max = 50) int shift) {
    var m = measurer.measure(series(100, base / 100.0, (base + shift) / 100.0, 0),
        series(100, base / 100.0, (base + shift) / 100.0, 0), ACTION, WINDOW, false);
    assertThat(m.estimate()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.verdict()).isNotIn(EffectVerdict.HELPED, EffectVerdict.MADE_IT_WORSE);
  }
}
