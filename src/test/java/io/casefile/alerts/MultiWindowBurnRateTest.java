package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.alerts.MultiWindowBurnRate.Counts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiWindowBurnRateTest {
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
  void aHandfulOfFailuresOnAThinFlowIsNotSignificant() {
    // 3 of 20 requests failed: a burn rate of 150, but three events prove nothing
    assertThat(burn.evaluate(0.001, Map.of(M5, new Counts(20, 3), H1, new Counts(20, 3), M30, new Counts(20, 3),
        H6, new Counts(20, 3))).firing()).isFalse();
    // a flow running just above the threshold pages only once the excess is beyond noise
    assertThat(burn.evaluate(0.001, Map.of(M30, new Counts(2000, 13), H6, new Counts(4000, 26))).firing()).isFalse();
    assertThat(burn.evaluate(0.001, Map.of(M30, new Counts(2000, 60), H6, new Counts(4000, 60))).firing()).isTrue();
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
