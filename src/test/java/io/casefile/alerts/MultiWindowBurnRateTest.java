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
    // the demo's night-time checkout two minutes into bad-deploy: 86 requests in 2 minutes, 8 failed
    // (P(X >= 8 | 1.24) = 0.004% at 14.4×), 9 of 216 in 5 minutes; the hour
    // (2500 requests, 23 failed) is still far below 14.4× and not significantly above 6×
    var sudden = Map.of(M1, new Counts(43, 4), Duration.ofMinutes(2), new Counts(86, 8), M5, new Counts(216, 9),
        M30, new Counts(1270, 16), H1, new Counts(2500, 23), H6, new Counts(2500, 23));
    var v = burn.evaluate(0.001, sudden, Duration.ofMinutes(62));
    assertThat(v.firing()).isTrue();
    assertThat(v.firedBy()).isEqualTo(new MultiWindowBurnRate.Rule(M5, M1, 14.4, M1));
    assertThat(v.firedOver()).isEqualTo(Duration.ofMinutes(2));
    assertThat(v.describe()).contains("over 2m (8 of 86 failed)", "over 1m");
    // the five minutes alone are not enough for the scan: P(X >= 9 | 3.1) = 0.5% is above 2.275% / 25
    var fiveOnly = new java.util.HashMap<>(sudden);
    fiveOnly.remove(Duration.ofMinutes(2));
    assertThat(burn.evaluate(0.001, fiveOnly, Duration.ofMinutes(62)).firing()).isFalse();
    // 6 of 216 is a 27.8× point estimate, but P(X >= 6 | 3.1) = 10%: not beyond doubt
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(43, 2), M5, new Counts(216, 6)), null).firing()).isFalse();
    // the scan names the window its test fired on: 7 failures among the 86 requests of the last 2 minutes
    // (P(X >= 7 | 1.24) = 0.03%, under the 2.275% / 25 = 0.091% each window is held to); 6 are not (0.18%)
    var recent = burn.evaluate(0.001, Map.of(M1, new Counts(43, 4), Duration.ofMinutes(2), new Counts(86, 7),
        M5, new Counts(216, 8)), null);
    assertThat(recent.firedOver()).isEqualTo(Duration.ofMinutes(2));
    assertThat(recent.describe()).contains("over 2m (7 of 86 failed)", "over 1m");
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(43, 4), Duration.ofMinutes(2), new Counts(86, 6),
        M5, new Counts(216, 7)), null).firing()).isFalse();
    // the burn stopped a minute ago: the last minute is clean, nothing fires
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(43, 0), M5, new Counts(216, 9)), null).firing()).isFalse();
    // a flow at its usual 5.7× never gets there: 2 of 340 in five minutes
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(68, 1), M5, new Counts(340, 2)), null).firing()).isFalse();
    // and the rule waits for two minutes of data
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(43, 4), M5, new Counts(80, 9)), M1).firing()).isFalse();
  }

  /** 10 s buckets: requests and failures per bucket, and the windows ending after bucket {@code t}. */
  private Map<Duration, Counts> windowsAt(long[] requests, long[] bad, int t) {
    Map<Duration, Counts> m = new java.util.HashMap<>();
    for (Duration w : burn.windows()) {
      long n = 0;
      long b = 0;
      for (int i = Math.max(0, t + 1 - (int) (w.toSeconds() / 10)); i <= t; i++) {
        n += requests[i];
        b += bad[i];
      }
      m.put(w, new Counts(n, b));
    }
    return m;
  }

  /** A deterministic flow: {@code perBucket} requests a bucket, failures spread evenly at {@code share} (then {@code after}). */
  private static long[][] flow(int buckets, long perBucket, double share, int onset, double after) {
    long[][] f = new long[2][buckets];
    double owed = 0;
    for (int i = 0; i < buckets; i++) {
      f[0][i] = perBucket;
      owed += perBucket * (i < onset ? share : after);
      f[1][i] = (long) Math.floor(owed);
      owed -= f[1][i];
    }
    return f;
  }

  /** The first bucket after whose end the rules fire, evaluated on every bucket; -1 when none. */
  private int firstFiring(long[][] f) {
    for (int t = 0; t < f[0].length; t++) {
      if (burn.evaluate(0.001, windowsAt(f[0], f[1], t), Duration.ofSeconds(10L * (t + 1))).firing()) {
        return t;
      }
    }
    return -1;
  }

  @Test
  void theScanPagesOnAClearFastBurnWithinABoundedNumberOfEvaluations() {
    // night-time checkout, 7 requests every 10 s at 0.57% (5.7×), then 0.57% + 10.4% (110×) from bucket 360 (the
    // hour): the scan fires within 90 s, on the fast rule's windows; the workbook rules alone would wait minutes
    long[][] night = flow(420, 7, 0.0057, 360, 0.1097);
    int first = firstFiring(night);
    assertThat(first - 360).isBetween(0, 8);
    var v = burn.evaluate(0.001, windowsAt(night[0], night[1], first), Duration.ofSeconds(10L * (first + 1)));
    assertThat(v.firedBy().scanFrom()).isEqualTo(M1);
    assertThat(v.firedOver()).isLessThan(M5);
    // three times the fast threshold (43.2×) at 11 requests a bucket: within the scan's 5 minutes
    long[][] triple = flow(420, 11, 0.0057, 360, 0.0432);
    assertThat(firstFiring(triple) - 360).isBetween(0, 29);
    // exactly at the threshold the fast burn is never beyond doubt; the hour's own rule takes it later
    long[][] at = flow(390, 11, 0.0057, 360, 0.0144);
    assertThat(firstFiring(at)).isEqualTo(-1);
  }

  @Test
  void theScanDoesNotPageOnANearThresholdOrAThinHealthyFlow() {
    // 4000 requests an hour at 5.7× for six hours: nothing, and not even a burst of 7 failures among its 133
    // requests of two minutes (P(X >= 7 | 1.9) = 0.4% at 14.4×: above the scan's 0.091% a window)
    long[][] near = flow(2160, 11, 0.0057, 2160, 0);
    assertThat(firstFiring(near)).isEqualTo(-1);
    var burst = Map.of(M1, new Counts(67, 4), Duration.ofMinutes(2), new Counts(133, 7), M5, new Counts(333, 8),
        H1, new Counts(4000, 30), M30, new Counts(2000, 13), H6, new Counts(24000, 137));
    assertThat(burn.evaluate(0.001, burst, H6).firing()).isFalse();
    // 8 of 133 is beyond doubt (P = 0.087%)
    var eight = new java.util.HashMap<>(burst);
    eight.put(Duration.ofMinutes(2), new Counts(133, 8));
    eight.put(M5, new Counts(333, 9));
    assertThat(burn.evaluate(0.001, eight, H6).firedOver()).isEqualTo(Duration.ofMinutes(2));
    // a thin healthy flow, 200 requests an hour: 2 failures among its 17 requests of five minutes (a 118× point
    // estimate, P(X >= 2 | 0.24) = 2.5%), or among 4 requests of 70 s (P(X >= 2 | 0.058) = 0.16%), do not page
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(3, 1), M5, new Counts(17, 2), H1, new Counts(200, 2)), H6)
        .firing()).isFalse();
    assertThat(burn.evaluate(0.001, Map.of(M1, new Counts(3, 1), Duration.ofSeconds(70), new Counts(4, 2),
        M5, new Counts(17, 2), H1, new Counts(200, 2)), H6).firing()).isFalse();
    // two of the three requests of the last minute failing is beyond doubt (P(X >= 2 | 0.043) = 0.09%)
    var minute = burn.evaluate(0.001, Map.of(M1, new Counts(3, 2), M5, new Counts(17, 2), H1, new Counts(200, 2)), H6);
    assertThat(minute.firedOver()).isEqualTo(M1);
    assertThat(minute.describe()).isEqualTo("burn rate 666.7× over 1m (2 of 3 failed; fires when it exceeds 14.4×)");
  }

  @Test
  void aScannedRuleReadsEveryWindowOnTheGrid() {
    var scan = new MultiWindowBurnRate.Rule(M5, M1, 14.4, M1);
    assertThat(scan.longWindows()).hasSize(25).startsWith(M1).endsWith(M5);
    assertThat(burn.windows()).contains(Duration.ofSeconds(70), Duration.ofSeconds(290), M30, H6).hasSize(28);
    assertThat(new MultiWindowBurnRate.Rule(H1, M5, 14.4).longWindows()).containsExactly(H1);
    assertThatThrownBy(() -> new MultiWindowBurnRate.Rule(M5, M1, 14.4, Duration.ofSeconds(15)))
        .hasMessageContaining("multiples of PT10S");
    assertThatThrownBy(() -> new MultiWindowBurnRate.Rule(M5, M1, 14.4, M30)).hasMessageContaining("no longer than");
    // a verdict lists the rules' own windows, not the 25 scanned ones
    assertThat(burn.evaluate(0.001, Map.of()).windows()).hasSize(5);
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
