package io.casefile.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricShiftAnalyserTest {
  private static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");
  private static final TimeRange BASELINE = new TimeRange(T0, T0.plusSeconds(600));
  private static final TimeRange INCIDENT = new TimeRange(T0.plusSeconds(600), T0.plusSeconds(900));
  private static final double[] BOUNDS = {0.1, 0.5, 1, 5};

  /** Points every 10 s over both windows; {@code bad} decides the incident's behaviour. */
  private static List<MetricPoint> points(boolean bad) {
    List<MetricPoint> out = new ArrayList<>();
    double requests = 0;
    double sum = 0;
    long[] buckets = new long[5];
    for (int i = 0; i <= 90; i++) {
      Instant t = T0.plusSeconds(10L * i);
      boolean incident = bad && i >= 60;
      requests += incident ? 500 : 100 + (i % 3);
      out.add(MetricPoint.sum(t, "http.server.requests", "{route=/pix}", requests));
      out.add(MetricPoint.gauge(t, "jvm.threads", "", 40 + (i % 2)));
      out.add(MetricPoint.gauge(t, "queue.depth", "", incident ? 900 : 10 + (i % 4)));
      // 10 observations per point: fast ones in the baseline, 2-5 s ones in the incident
      if (incident) {
        buckets[4] += 10;
        sum += 30;
      } else {
        buckets[1] += 10;
        sum += 2.5;
      }
      out.add(MetricPoint.histogram(t, "http.server.request.duration", "{route=/pix}", sum,
          10L * (i + 1), BOUNDS, buckets.clone()));
    }
    return out;
  }

  @Test
  void ranksTheMetricsThatMovedWithRatesMeansAndQuantiles() {
    List<MetricShift> shifts = new MetricShiftAnalyser().analyse(points(true), BASELINE, INCIDENT);

    assertThat(shifts).extracting(s -> s.name() + ":" + s.stat()).containsExactlyInAnyOrder(
        "http.server.requests:rate", "queue.depth:value",
        "http.server.request.duration:mean", "http.server.request.duration:p99");
    MetricShift rate = shifts.stream().filter(s -> s.stat().equals("rate")).findFirst().orElseThrow();
    assertThat(rate.baselineMedian()).isBetween(10.0, 10.3);
    assertThat(rate.incidentMedian()).isEqualTo(50.0);
    MetricShift mean = shifts.stream().filter(s -> s.stat().equals("mean")).findFirst().orElseThrow();
    assertThat(mean.baselineMedian()).isEqualTo(0.25);
    assertThat(mean.incidentMedian()).isEqualTo(3.0);
    MetricShift p99 = shifts.stream().filter(s -> s.stat().equals("p99")).findFirst().orElseThrow();
    assertThat(p99.incidentMedian()).isEqualTo(5.0);
    assertThat(shifts.get(0).z()).isGreaterThanOrEqualTo(shifts.get(shifts.size() - 1).z());
  }

  @Test
  void reportsNothingWhenNoMetricMoved() {
    assertThat(new MetricShiftAnalyser().analyse(points(false), BASELINE, INCIDENT)).isEmpty();
  }

  @Test
  void robustZIsFiniteForAFlatBaseline() {
    assertThat(RobustStats.z(10, 0, 0)).isEqualTo(1_000);
    assertThat(RobustStats.z(110, 100, 0)).isEqualTo(2.0);
    assertThat(RobustStats.mad(new double[] {1, 2, 3, 4, 100})).isEqualTo(1.0);
  }

  @Test
  void histogramQuantileInterpolatesInsideTheBucket() {
    HistogramDelta d = new HistogramDelta(0, 100, BOUNDS, new long[] {0, 50, 50, 0, 0});
    assertThat(d.quantile(0.5)).isEqualTo(0.5);
    assertThat(d.quantile(0.75)).isEqualTo(0.75);
  }
}
