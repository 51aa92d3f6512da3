package io.casefile.analysis.onset;

import java.util.Arrays;
import java.util.Optional;

/**
 * Latency-quantile onset with robust statistics over the per-bucket quantile values (buckets
 * without requests are skipped). The change is placed at the split with the smallest total
 * absolute deviation of each segment from its own median (the Laplace likelihood of one level
 * before and another after), among splits where the median rose. That split is reported when its
 * robust z (the difference of the medians scaled by the pooled median absolute deviation) is at
 * least {@code minZ} and the median rose by a factor of at least {@code minRatio} and by at least
 * {@code minAbsoluteMs}. Interval: the profile likelihood interval of the split (twice the
 * Laplace log-likelihood within 3.84 of its maximum, ~95%).
 *
 * <p>The robust z is the significance test, not the locator: a median ignores the few values on
 * the wrong side of a split near the change, so the z is nearly flat there and drifts towards the
 * balanced split; every misplaced value adds its whole distance from its segment's level to the
 * absolute deviation.
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
    double[] z = new double[m];
    double[] cost = new double[m];
    Arrays.fill(z, Double.NaN);
    Arrays.fill(cost, Double.NaN);
    double[] med1s = new double[m];
    double[] med2s = new double[m];
    int best = -1;
    for (int k = minSegment; k <= m - minSegment; k++) {
      double med1 = median(Arrays.copyOfRange(v, 0, k));
      double med2 = median(Arrays.copyOfRange(v, k, m));
      if (med2 <= med1) {
        continue;
      }
      double[] dev = new double[m];
      double sum = 0;
      for (int j = 0; j < m; j++) {
        dev[j] = Math.abs(v[j] - (j < k ? med1 : med2));
        sum += dev[j];
      }
      double sigma = Math.max(1.4826 * median(dev), floor(med1));
      double se = 1.2533 * sigma * Math.sqrt(1.0 / k + 1.0 / (m - k));
      z[k] = (med2 - med1) / se;
      cost[k] = sum;
      med1s[k] = med1;
      med2s[k] = med2;
      if (best < 0 || cost[k] < cost[best]) {
        best = k;
      }
    }
    if (best < 0 || z[best] < minZ) {
      return Optional.empty();
    }
    double med1 = med1s[best];
    double med2 = med2s[best];
    if (med2 < minRatio * med1 || med2 - med1 < minAbsoluteMs) {
      return Optional.empty();
    }
    // twice the Laplace log-likelihood at the scale's estimate under the best split
    double scale = Math.max(cost[best] / m, floor(med1));
    double[] ll2 = new double[m];
    for (int k = 0; k < m; k++) {
      ll2[k] = -2 * cost[k] / scale;
    }
    int[] iv = Splits.interval(ll2, best, 3.84);
    // the boundary refinement only applies when the previous valued bucket is the adjacent one
    double shift = idx[best - 1] == idx[best] - 1 ? Splits.shift(v[best - 1], v[best], med1, med2) : 0;
    return Optional.of(new ChangePoint(idx[best], idx[iv[0]], idx[iv[1]], shift, med1, med2, z[best]));
  }

  /** The smallest spread allowed: 1% of the level before, so a flat series does not divide by 0. */
  private static double floor(double level) {
    return Math.max(1e-9, 0.01 * level);
  }

  static double median(double[] a) {
    double[] c = a.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
