package io.casefile.analysis.onset;

import java.util.Arrays;
import java.util.Optional;

/**
 * Latency-quantile onset with robust statistics: for every split of the per-bucket quantile values
 * (buckets without requests are skipped), the difference of the medians after and before, scaled by
 * the pooled median absolute deviation of each segment around its own median (a robust z). The
 * split with the largest rise wins when z ≥ {@code minZ}, the median rose by a factor of at least
 * {@code minRatio} and by at least {@code minAbsoluteMs}. Interval: splits with z within 2 of the
 * maximum.
 */
public final class LatencyShiftDetector implements OnsetDetector {
  private final double minZ;
  private final double minRatio;
  private final double minAbsoluteMs;
  private final int minSegment;

  public LatencyShiftDetector(double minZ, double minRatio, double minAbsoluteMs, int minSegment) {
    if (minSegment < 1) {
      throw new IllegalArgumentException("minimum segment must be >= 1 bucket, got " + minSegment);
    }
    this.minZ = minZ;
    this.minRatio = minRatio;
    this.minAbsoluteMs = minAbsoluteMs;
    this.minSegment = minSegment;
  }

  /** Defaults: z ≥ 6, rise ≥ 1.3× and ≥ 5 ms, segments ≥ 3 buckets. */
  public LatencyShiftDetector() {
    this(6, 1.3, 5, 3);
  }

  @Override
  public String name() {
    return "robust-level-shift";
  }

  @Override
  public Optional<ChangePoint> detect(BucketSeries s) {
    int[] idx = new int[s.size()];
    int m = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.requests(i) > 0 && !Double.isNaN(s.value(i))) {
        idx[m++] = i;
      }
    }
    if (m < 2 * minSegment) {
      return Optional.empty();
    }
    double[] v = new double[m];
    for (int j = 0; j < m; j++) {
      v[j] = s.value(idx[j]);
    }
    double[] stat = new double[m];
    Arrays.fill(stat, Double.NaN);
    double[] med1s = new double[m];
    double[] med2s = new double[m];
    int best = -1;
    for (int k = minSegment; k <= m - minSegment; k++) {
      double[] a = Arrays.copyOfRange(v, 0, k);
      double[] b = Arrays.copyOfRange(v, k, m);
      double med1 = median(a);
      double med2 = median(b);
      if (med2 <= med1) {
        continue;
      }
      double[] dev = new double[m];
      for (int j = 0; j < m; j++) {
        dev[j] = Math.abs(v[j] - (j < k ? med1 : med2));
      }
      double sigma = Math.max(1.4826 * median(dev), Math.max(1e-9, 0.01 * med1));
      double se = 1.2533 * sigma * Math.sqrt(1.0 / k + 1.0 / (m - k));
      stat[k] = (med2 - med1) / se;
      med1s[k] = med1;
      med2s[k] = med2;
      if (best < 0 || stat[k] > stat[best]) {
        best = k;
      }
    }
    if (best < 0 || stat[best] < minZ) {
      return Optional.empty();
    }
    double med1 = med1s[best];
    double med2 = med2s[best];
    if (med2 < minRatio * med1 || med2 - med1 < minAbsoluteMs) {
      return Optional.empty();
    }
    int[] iv = Splits.interval(stat, best, 2);
    // the boundary refinement only applies when the previous valued bucket is the adjacent one
    double shift = idx[best - 1] == idx[best] - 1 ? Splits.shift(v[best - 1], v[best], med1, med2) : 0;
    return Optional.of(new ChangePoint(idx[best], idx[iv[0]], idx[iv[1]], shift, med1, med2, stat[best]));
  }

  static double median(double[] a) {
    double[] c = a.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
