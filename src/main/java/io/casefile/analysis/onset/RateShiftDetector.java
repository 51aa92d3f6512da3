package io.casefile.analysis.onset;

import java.util.Arrays;
import java.util.Optional;

/**
 * Throughput change: the split with the largest Poisson log-likelihood ratio on per-bucket request
 * counts, in the watched direction (a drop for the throughput signal; either way for a derived
 * traffic-shift change). Reported when significant ({@code 2·LLR ≥ minStatistic}) and material (the
 * rate changed by at least {@code minRelativeChange}).
 */
public final class RateShiftDetector implements OnsetDetector {
  /** Which way a change must go to count. */
  public enum Direction { DROP, RISE, EITHER }

  private final Direction direction;
  private final double minStatistic;
  private final double minRelativeChange;
  private final int minSegment;

  public RateShiftDetector(Direction direction, double minStatistic, double minRelativeChange, int minSegment) {
    this.direction = java.util.Objects.requireNonNull(direction, "direction");
    if (!(minRelativeChange > 0)) {
      throw new IllegalArgumentException("minimum relative change must be > 0, got " + minRelativeChange);
    }
    this.minStatistic = minStatistic;
    this.minRelativeChange = minRelativeChange;
    this.minSegment = minSegment;
  }

  /** Defaults: 2·LLR ≥ 30, change ≥ 30%, segments ≥ 3 buckets. */
  public RateShiftDetector(Direction direction) {
    this(direction, 30, 0.3, 3);
  }

  @Override
  public String name() {
    return "poisson-" + direction.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Optional<ChangePoint> detect(BucketSeries s) {
    int n = s.size();
    if (n < 2 * minSegment) {
      return Optional.empty();
    }
    long[] cc = new long[n + 1];
    for (int i = 0; i < n; i++) {
      cc[i + 1] = cc[i] + s.requests(i);
    }
    double total = cc[n];
    if (total == 0) {
      return Optional.empty();
    }
    double nullLl = Splits.xlogx(total, n);
    double[] stat = new double[n];
    Arrays.fill(stat, Double.NaN);
    int best = -1;
    for (int k = minSegment; k <= n - minSegment; k++) {
      double c1 = cc[k];
      double c2 = total - c1;
      double r1 = c1 / k;
      double r2 = c2 / (n - k);
      boolean ok = switch (direction) {
        case DROP -> r2 < r1;
        case RISE -> r2 > r1;
        case EITHER -> r2 != r1;
      };
      if (!ok) {
        continue;
      }
      stat[k] = 2 * (Splits.xlogx(c1, k) + Splits.xlogx(c2, n - k) - nullLl);
      if (best < 0 || stat[k] > stat[best]) {
        best = k;
      }
    }
    if (best < 0 || stat[best] < minStatistic) {
      return Optional.empty();
    }
    double r1 = (double) cc[best] / best;
    double r2 = (total - cc[best]) / (n - best);
    double relative = Math.abs(r2 - r1) / Math.max(r1, 1e-9);
    if (relative < minRelativeChange) {
      return Optional.empty();
    }
    int[] iv = Splits.interval(stat, best, 3.84);
    return Optional.of(new ChangePoint(best, iv[0], iv[1], Splits.shift(s.requests(best - 1), s.requests(best), r1, r2), r1, r2, stat[best]));
  }
}
