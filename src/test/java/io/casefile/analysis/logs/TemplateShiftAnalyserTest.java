package io.casefile.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TemplateShiftAnalyserTest {
  private final TemplateShiftAnalyser analyser = new TemplateShiftAnalyser();
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration TEN_MIN = Duration.ofMinutes(10);

  @Test
  void reportsNothingWhenRatesAreUnchanged() {
    // 60 minutes of baseline, 10 of incident: the same per-minute rate for every template.
    List<TemplateWindowCount> counts = List.of(
        new TemplateWindowCount(1, "GET <*> 200", 60_000, 10_050),
        new TemplateWindowCount(2, "cache miss <*>", 600, 98),
        new TemplateWindowCount(3, "rare thing", 6, 1),
        new TemplateWindowCount(4, "seen only before", 12, 0));
    assertThat(analyser.analyse(counts, HOUR, TEN_MIN)).isEmpty();
  }

  @Test
  void reportsANewTemplateWithItsCountsRatesAndPValue() {
    List<TemplateWindowCount> counts = List.of(
        new TemplateWindowCount(1, "GET <*> 200", 60_000, 10_000),
        new TemplateWindowCount(7, "PixGatewayClient timeout after <*> ms", 0, 2_288));
    List<TemplateShift> shifts = analyser.analyse(counts, HOUR, TEN_MIN);
    assertThat(shifts).hasSize(1);
    TemplateShift s = shifts.get(0);
    assertThat(s.templateId()).isEqualTo(7);
    assertThat(s.kind()).isEqualTo(TemplateShift.Kind.NEW);
    assertThat(s.incidentCount()).isEqualTo(2_288);
    assertThat(s.incidentPerMinute()).isCloseTo(228.8, within(1e-9));
    assertThat(s.baselinePerMinute()).isZero();
    assertThat(s.pValue()).isLessThan(1e-100);
  }

  @Test
  void reportsASignificantIncreaseButNotAnEqualRate() {
    List<TemplateWindowCount> counts = List.of(
        new TemplateWindowCount(1, "retrying <*>", 60, 50), // 1/min -> 5/min
        new TemplateWindowCount(2, "steady <*>", 600, 100));
    List<TemplateShift> shifts = analyser.analyse(counts, HOUR, TEN_MIN);
    assertThat(shifts).extracting(TemplateShift::templateId).containsExactly(1L);
    assertThat(shifts.get(0).kind()).isEqualTo(TemplateShift.Kind.INCREASED);
    assertThat(shifts.get(0).rateRatio()).isGreaterThan(4);
  }

  @Test
  void ignoresASingleNewLineThatChanceExplains() {
    List<TemplateWindowCount> counts = List.of(new TemplateWindowCount(1, "odd <*>", 0, 1));
    assertThat(analyser.analyse(counts, HOUR, TEN_MIN)).isEmpty();
  }

  @Test
  void ignoresSignificantButSmallIncreasesOnBusyTemplates() {
    // 1000/min -> 1100/min is statistically significant but far below a doubling.
    List<TemplateWindowCount> counts = List.of(new TemplateWindowCount(1, "GET <*>", 60_000, 11_000));
    assertThat(analyser.analyse(counts, HOUR, TEN_MIN)).isEmpty();
  }

  @Test
  void controlsFalseDiscoveriesAcrossManyTemplates() {
    // 200 templates at an unchanged rate with Poisson-like jitter: none should be reported.
    List<TemplateWindowCount> counts = new ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 200; i++) {
      int rate = 1 + random.nextInt(20);
      counts.add(new TemplateWindowCount(i, "t" + i, poisson(random, rate * 60), poisson(random, rate * 10)));
    }
    assertThat(analyser.analyse(counts, HOUR, TEN_MIN)).isEmpty();
  }

  @Test
  void rejectsEmptyWindowsAndNegativeCountsNamingTheValue() {
    assertThatThrownBy(() -> analyser.analyse(List.of(), Duration.ZERO, TEN_MIN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new TemplateWindowCount(3, "x", -1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void binomialTailMatchesDirectSummation() {
    assertThat(Binomial.upperTail(3, 10, 0.2)).isCloseTo(directTail(3, 10, 0.2), within(1e-12));
    assertThat(Binomial.upperTail(40, 50, 0.5)).isCloseTo(directTail(40, 50, 0.5), within(1e-12));
    assertThat(Binomial.upperTail(1, 1, 0.25)).isCloseTo(0.25, within(1e-12));
    assertThat(Binomial.upperTail(0, 5, 0.3)).isEqualTo(1.0);
  }

  @Property(tries = 200, seed = "7")
  void binomialTailAgreesWithSummationEverywhere(@ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @IntRange(min = 0, max = 120) int k, @ForAll @IntRange(min = 1, max = 99) int pct) {
    double p = pct / 100.0;
    assertThat(Binomial.upperTail(k, n, p)).isCloseTo(directTail(k, n, p), within(1e-9));
  }

  @Property(tries = 100, seed = "11")
  void proportionalCountsAreNeverReported(@ForAll @IntRange(min = 0, max = 5000) int perMinute) {
    List<TemplateWindowCount> counts = List.of(new TemplateWindowCount(1, "t", perMinute * 60L, perMinute * 10L));
    assertThat(analyser.analyse(counts, HOUR, TEN_MIN)).isEmpty();
  }

  private static double directTail(int k, int n, double p) {
    if (k > n) {
      return 0;
    }
    double sum = 0;
    for (int i = k; i <= n; i++) {
      sum += Math.exp(Binomial.logGamma(n + 1.0) - Binomial.logGamma(i + 1.0) - Binomial.logGamma(n - i + 1.0)
          + i * Math.log(p) + (n - i) * Math.log1p(-p));
    }
    return Math.min(1.0, sum);
  }

  private static long poisson(java.util.Random r, double mean) {
    // Normal approximation is enough for jitter in a test.
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
  }
}
