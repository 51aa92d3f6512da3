package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.alerts.MultiWindowBurnRate.Counts;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MultiWindowBurnRateTest {
  static final Duration M1 = Duration.ofMinutes(1);
  static final Duration M5 = Duration.ofMinutes(5);
  static final Duration M30 = Duration.ofMinutes(30);
  static final Duration H1 = Duration.ofHours(1);
  static final Duration H6 = Duration.ofHours(6);
  final MultiWindowBurnRate burn = new MultiWindowBurnRate();

  @Test
  void burnRateIsTheBadShareOverTheErrorBudget() {
    var v = burn.evaluate(0.001, Map.of(M5, new Counts(1000, 20), H1, new Counts(12000, 30)));
    assertThat(v.window(M5).burnRate()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(v.window(H1).burnRate()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(v.window(H6).burnRate()).isZero();
    assertThat(v.firing()).isFalse();
  }

  @Test
  void theFastRuleNeedsBothTheHourAndTheFiveMinutesAbove14point4() {
    var both = burn.evaluate(0.001, Map.of(M5, new Counts(1000, 100), H1, new Counts(12000, 300)));
    assertThat(both.firing()).isTrue();
    assertThat(both.firedBy().factor()).isEqualTo(14.4);
    assertThat(both.describe()).contains("over 1h", "over 5m");
    // the burn stopped: the hour is still high but the last five minutes are clean
    assertThat(burn.evaluate(0.001, Map.of(M5, new Counts(1000, 0), H1, new Counts(12000, 300))).firing()).isFalse();
  }

  @Test
  void theSlowRuleNeedsSixHoursAndThirtyMinutesAboveSix() {
    var slow = burn.evaluate(0.001, Map.of(M30, new Counts(6000, 60), H6, new Counts(72000, 600),
        M5, new Counts(1000, 10), H1, new Counts(12000, 100)));
    assertThat(slow.firing()).isTrue();
    assertThat(slow.firedBy().factor()).isEqualTo(6.0);
  }

  @Test
  void aFailureOrTwoOnAThinFlowIsNotSignificant() {
    // 1 of 20 requests failed: a burn rate of 50, but one event proves nothing (P = 11% at 6×)
    assertThat(burn.evaluate(0.001, Map.of(M5, new Counts(20, 1), H1, new Counts(20, 1), M30, new Counts(20, 1),
        H6, new Counts(20, 1))).firing()).isFalse();
    // 2 of 100: P(X >= 2) = 12% when the flow burns at 6× (0.6 expected failures)
    assertThat(burn.evaluate(0.001, Map.of(M30, new Counts(100, 2), H6, new Counts(100, 2))).firing()).isFalse();
    // a flow running just above the threshold pages only once the excess is beyond noise
    assertThat(burn.evaluate(0.001, Map.of(M30, new Counts(2000, 13), H6, new Counts(4000, 26))).firing()).isFalse();
    assertThat(burn.evaluate(0.001, Map.of(M30, new Counts(2000, 60), H6, new Counts(4000, 60))).firing()).isTrue();
  }

  @Test
  void theGuardIsAnExactPoissonTestAgainstTheThresholdRate() {
    // P(X >= k | mu), checked against the closed forms and a normal-range value
    assertThat(MultiWindowBurnRate.poissonTail(0, 3)).isEqualTo(1.0);
    assertThat(MultiWindowBurnRate.poissonTail(1, 0.12)).isCloseTo(1 - Math.exp(-0.12), Offset.offset(1e-12));
    assertThat(MultiWindowBurnRate.poissonTail(2, 0.12)).isCloseTo(1 - Math.exp(-0.12) * 1.12, Offset.offset(1e-12));
    assertThat(MultiWindowBurnRate.poissonTail(37, 24.954)).isCloseTo(0.0138, Offset.offset(5e-4));
    assertThat(MultiWindowBurnRate.poissonTail(5, 5000)).isCloseTo(1.0, Offset.offset(1e-9));
    assertThat(MultiWindowBurnRate.poissonTail(2000, 3)).isZero(); // the whole tail underflows: no endless sum
    // 4159 requests with 37 failures against a 6× threshold of 24.95 expected: significant (P = 1.4%), although
    // the observed count less two of its own standard deviations (24.8) is not above 24.95
    assertThat(burn.evaluate(0.001, Map.of(M30, new Counts(2028, 24), H6, new Counts(4159, 37))).firing()).isTrue();
    // the same hour at its healthy 5.7×: not
    assertThat(burn.evaluate(0.001, Map.of(M30, new Counts(2028, 12), H6, new Counts(4159, 24))).firing()).isFalse();
    // a burn as clear, but only 20 minutes of data: the slow rule waits for twice its 30-minute short window
    var clear = Map.of(M5, new Counts(300, 30), H1, new Counts(1200, 60), M30, new Counts(1200, 60), H6,
        new Counts(1200, 60));
    assertThat(burn.evaluate(0.001, clear, Duration.ofMinutes(20)).firedBy().longWindow()).isEqualTo(H1);
    var slowOnly = Map.of(M30, new Counts(2028, 24), H6, new Counts(2800, 30));
    assertThat(burn.evaluate(0.001, slowOnly, Duration.ofMinutes(45)).firing()).isFalse();
    assertThat(burn.evaluate(0.001, slowOnly, Duration.ofMinutes(60)).firing()).isTrue();
    assertThatThrownBy(() -> new MultiWindowBurnRate(MultiWindowBurnRate.PAGE, 0.7)).hasMessageContaining("alpha");
  }

  @Test
  void aSuddenBurnBeyondDoubtOverFiveMinutesPagesBeforeTheHourCatchesUp() {
    // the demo's night-time checkout two minutes into bad-deploy: 216 requests in 5 minutes, 9 failed; the hour
    // (2500 requests, 23 failed) is still far below 14.4× and not significantly above 6×
    var sudden = Map.of(M1, new Counts(43, 4), M5, new Counts(216, 9), M30, new Counts(1270, 16), H1,
        new Counts(2500, 23), H6, new Counts(2500, 23));
    var v = burn.evaluate(0.001, sudden, Duration.ofMinutes(62));
    assertThat(v.firing()).isTrue();
    assertThat(v.firedBy()).isEqualTo(new MultiWindowBurnRate.Rule(M5, M1, 14.4));
    assertThat(v.describe()).contains("over 5m", "over 1m");
    // 6 of 216 is a 27.8× point estimate, but P(X >= 6 | 3.1) = 10%: not beyond doubt
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(43, 2), M5, new Counts(216, 6)), null).firing()).isFalse();
    // the burn stopped a minute ago: the last minute is clean, nothing fires
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(43, 0), M5, new Counts(216, 9)), null).firing()).isFalse();
    // a flow at its usual 5.7× never gets there: 2 of 340 in five minutes
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(68, 1), M5, new Counts(340, 2)), null).firing()).isFalse();
    // and the rule waits for two minutes of data
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(43, 4), M5, new Counts(80, 9)), M1).firing()).isFalse();
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> new Counts(5, 6)).hasMessageContaining("bad=6 requests=5");
    assertThatThrownBy(() -> burn.evaluate(0, Map.of())).hasMessageContaining("error budget");
    assertThatThrownBy(() -> new MultiWindowBurnRate.Rule(M5, H1, 2)).hasMessageContaining("shorter");
    assertThatThrownBy(() -> new Slo(io.casefile.model.Flow.parse("a:b"), Slo.Kind.LATENCY, 0.99, null))
        .hasMessageContaining("threshold_ms");
  }
}
