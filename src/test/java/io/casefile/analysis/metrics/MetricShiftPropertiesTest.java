package io.casefile.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MetricShiftPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");
  private static final TimeRange BASELINE = new TimeRange(T0, T0.plusSeconds(600));
  private static final TimeRange INCIDENT = new TimeRange(T0.plusSeconds(600), T0.plusSeconds(900));

  private static List<MetricPoint> randomPoints(long seed) {
    Random r = new Random(seed);
    List<MetricPoint> out = new ArrayList<>();
    double counter = 0;
    for (int i = 0; i < 90; i++) {
      Instant t = T0.plusSeconds(10L * i);
      counter += r.nextInt(100);
      out.add(MetricPoint.sum(t, "requests", "a", counter));
      out.add(MetricPoint.gauge(t, "queue", "a", r.nextGaussian() * 5 + (i >= 60 ? r.nextInt(50) : 20)));
      out.add(MetricPoint.gauge(t, "queue", "b", r.nextDouble() * 100));
    }
    return out;
  }

  @Property(tries = 100, seed = "3")
  void theAnswerDoesNotDependOnTheOrderOfThePoints(@ForAll @LongRange(min = 0, max = 100_000) long seed) {
    List<MetricPoint> points = randomPoints(seed);
    List<MetricPoint> shuffled = new ArrayList<>(points);
    Collections.shuffle(shuffled, new Random(seed));
    MetricShiftAnalyser a = new MetricShiftAnalyser(new MetricShiftAnalyser.Options(10, 0, 3, 100));

    List<MetricShift> shifts = a.analyse(points, BASELINE, INCIDENT);

    assertThat(a.analyse(shuffled, BASELINE, INCIDENT)).isEqualTo(shifts);
    for (int i = 1; i < shifts.size(); i++) {
      assertThat(Math.abs(shifts.get(i - 1).z())).isGreaterThanOrEqualTo(Math.abs(shifts.get(i).z()));
    }
  }

  @Property(tries = 100, seed = "3")
  void theRobustZIsScaleInvariant(@ForAll @DoubleRange(min = -1e3, max = 1e3) double incident,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) double baseline,
      @ForAll @DoubleRange(min = 0, max = 1e3) double mad,
      @ForAll @DoubleRange(min = 0.01, max = 1e3) double k) {
    double z = RobustStats.z(incident, baseline, mad);
    assertThat(RobustStats.z(k * incident, k * baseline, k * mad))
        .isCloseTo(z, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(z))));
  }

  @Property(tries = 200, seed = "3")
  void bucketQuantilesAreMonotoneAndWithinTheBounds(@ForAll @LongRange(min = 0, max = 100_000) long seed,
      @ForAll @IntRange(min = 1, max = 12) int n) {
    Random r = new Random(seed);
    double[] bounds = new double[n];
    double b = r.nextDouble();
    for (int i = 0; i < n; i++) {
      b += 0.01 + r.nextDouble() * 10;
      bounds[i] = b;
    }
    long[] counts = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      counts[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1_000);
    }
    counts[r.nextInt(n + 1)] += 1;
    HistogramDelta d = new HistogramDelta(0, 0, bounds, counts);

    double previous = Double.NEGATIVE_INFINITY;
    for (double q = 0.05; q <= 1.0; q += 0.05) {
      double v = d.quantile(q);
      assertThat(v).isBetween(0.0, bounds[n - 1]).isGreaterThanOrEqualTo(previous);
      previous = v;
    }
  }
}
