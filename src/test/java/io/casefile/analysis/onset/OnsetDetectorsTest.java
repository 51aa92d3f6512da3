package io.casefile.analysis.onset;

import static io.casefile.analysis.onset.SeriesFixtures.errorStep;
import static io.casefile.analysis.onset.SeriesFixtures.latencyStep;
import static io.casefile.analysis.onset.SeriesFixtures.rateStep;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class OnsetDetectorsTest {

  @Test
  void findsAnErrorRateStepWithinOneBucketAndBracketsIt() {
    BucketSeries s = errorStep(7, 180, 120, 200, 0.005, 0.05);
    ChangePoint cp = OnsetDetectors.errors().detect(s).orElseThrow();
    assertThat(cp.index()).isBetween(119, 121);
    assertThat(cp.earliest()).isLessThanOrEqualTo(120);
    assertThat(cp.latest()).isGreaterThanOrEqualTo(120);
    assertThat(cp.before()).isCloseTo(0.005, org.assertj.core.data.Offset.offset(0.002));
    assertThat(cp.after()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void saysNothingOnAStableErrorRate() {
    for (long seed = 1; seed <= 20; seed++) {
      assertThat(OnsetDetectors.errors().detect(errorStep(seed, 360, 360, 300, 0.005, 0.005))).isEmpty();
    }
  }

  @Test
  void ignoresASignificantButImmaterialRise() {
    // 0.5% -> 0.6% on a lot of traffic: detectable, not an incident
    assertThat(OnsetDetectors.errors().detect(errorStep(3, 360, 180, 5000, 0.005, 0.006))).isEmpty();
  }

  @Test
  void ignoresADropInErrors() {
    assertThat(OnsetDetectors.errors().detect(errorStep(3, 120, 60, 200, 0.05, 0.005))).isEmpty();
  }

  @Test
  void saysNothingOnEmptyOrTooShortSeries() {
    assertThat(OnsetDetectors.errors().detect(errorStep(1, 4, 2, 100, 0, 0.5))).isEmpty();
    assertThat(OnsetDetectors.errors().detect(errorStep(1, 100, 50, 0, 0, 0.5))).isEmpty();
    assertThat(OnsetDetectors.latency().detect(latencyStep(1, 4, 2, 100, 5))).isEmpty();
    assertThat(OnsetDetectors.throughput().detect(rateStep(1, 100, 50, 0, 0))).isEmpty();
  }

  @Property(tries = 40, seed = "42")
  void findsAnInjectedErrorStepWithinOneBucket(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 20, max = 160) int at) {
    ChangePoint cp = OnsetDetectors.errors().detect(errorStep(seed, 180, at, 100, 0.005, 0.3)).orElseThrow();
    assertThat(cp.index()).isBetween(at - 1, at + 1);
  }

  @Test
  void findsALatencyStepAndNotNoise() {
    ChangePoint cp = OnsetDetectors.latency().detect(latencyStep(11, 240, 150, 120, 4)).orElseThrow();
    assertThat(cp.index()).isBetween(149, 151);
    assertThat(cp.after() / cp.before()).isGreaterThan(3);
    for (long seed = 1; seed <= 20; seed++) {
      assertThat(OnsetDetectors.latency().detect(latencyStep(seed, 360, 360, 120, 1))).isEmpty();
    }
  }

  @Test
  void placesAP99StepWithinOneBucketWhenFewRequestsMakeEachBucketsP99Noisy() {
    // 30 requests per bucket, half of them 14x slower for the last quarter: each bucket's p99 is
    // about its slowest request, and the medians of the two levels barely move when the split
    // slides a few buckets into the old level
    for (long seed = 1; seed <= 20; seed++) {
      BucketSeries s = SeriesFixtures.quantileStep(seed, 240, 180, 30, 30, 0.5, 14, 0.99);
      ChangePoint cp = OnsetDetectors.latency().detect(s).orElseThrow();
      assertThat(cp.index()).as("seed %d: %s", seed, cp).isBetween(179, 181);
      assertThat(cp.index() + cp.shift()).as("seed %d: %s", seed, cp).isBetween(179.0, 181.0);
      assertThat(cp.earliest()).as("seed %d: %s", seed, cp).isLessThanOrEqualTo(180);
      assertThat(cp.latest()).as("seed %d: %s", seed, cp).isGreaterThanOrEqualTo(180);
    }
  }

  @Test
  void latencyDetectorSkipsEmptyBuckets() {
    BucketSeries s = latencyStep(11, 240, 150, 120, 4);
    long[] req = new long[240];
    double[] v = new double[240];
    for (int i = 0; i < 240; i++) {
      boolean gap = i % 7 == 3;
      req[i] = gap ? 0 : s.requests(i);
      v[i] = gap ? Double.NaN : s.value(i);
    }
    BucketSeries gappy = new BucketSeries(s.start(), Duration.ofSeconds(10), req, null, v);
    assertThat(OnsetDetectors.latency().detect(gappy).orElseThrow().index()).isBetween(149, 151);
  }

  @Test
  void findsAThroughputDropButNotARiseWhenWatchingDrops() {
    ChangePoint cp = OnsetDetectors.throughput().detect(rateStep(5, 200, 90, 100, 40)).orElseThrow();
    assertThat(cp.index()).isBetween(89, 91);
    assertThat(OnsetDetectors.throughput().detect(rateStep(5, 200, 90, 100, 200))).isEmpty();
    assertThat(OnsetDetectors.trafficShift().detect(rateStep(5, 200, 90, 100, 200)).orElseThrow().index())
        .isBetween(89, 91);
    for (long seed = 1; seed <= 20; seed++) {
      assertThat(OnsetDetectors.trafficShift().detect(rateStep(seed, 360, 360, 100, 100))).isEmpty();
    }
  }

  @Test
  void leadFractionPlacesAMidBucketOnsetInsideTheBoundaryBucket() {
    // bucket 59 is half at the new level
    long[] req = new long[120];
    long[] err = new long[120];
    for (int i = 0; i < 120; i++) {
      req[i] = 1000;
      err[i] = i < 59 ? 5 : i == 59 ? 155 : 305;
    }
    BucketSeries s = new BucketSeries(SeriesFixtures.T0, Duration.ofSeconds(10), req, err, null);
    ChangePoint cp = OnsetDetectors.errors().detect(s).orElseThrow();
    assertThat(cp.index() + cp.shift()).isCloseTo(59.5, org.assertj.core.data.Offset.offset(0.5));
  }
}
