package io.casefile.analysis.onset;

/** Shared pieces of the split-scan detectors: the likelihood interval and the in-bucket lead. */
final class Splits {
  private Splits() {}

  /** Expands from {@code best} while the statistic stays within {@code drop} of the maximum. */
  static int[] interval(double[] stat, int best, double drop) {
    double floor = stat[best] - drop;
    int lo = best;
    while (lo - 1 >= 0 && !Double.isNaN(stat[lo - 1]) && stat[lo - 1] >= floor) {
      lo--;
    }
    int hi = best;
    while (hi + 1 < stat.length && !Double.isNaN(stat[hi + 1]) && stat[hi + 1] >= floor) {
      hi++;
    }
    return new int[] {lo, hi};
  }

  /**
   * The onset's offset in buckets from the start of the first changed bucket: negative when the
   * bucket before already sits between the two levels (the change began inside it), positive when
   * the first changed bucket is still clearly between them (the change began inside that one).
   */
  static double shift(double previousLevel, double firstLevel, double before, double after) {
    double prev = lead(previousLevel, before, after);
    if (prev > 0) {
      return -prev;
    }
    double cur = lead(firstLevel, before, after);
    return cur > 0 && cur < 0.9 ? 1 - cur : 0;
  }

  /**
   * How far into the bucket before the change the new level had already begun, from where that
   * bucket's level lies between the old and the new level; 0 when it is not in between.
   */
  static double lead(double boundaryLevel, double before, double after) {
    if (Double.isNaN(boundaryLevel) || after == before) {
      return 0;
    }
    double f = (boundaryLevel - before) / (after - before);
    if (!(f > 0)) {
      return 0;
    }
    return Math.min(f, 0.95);
  }

  /** x·ln(x/n), 0 when x is 0. */
  static double xlogx(double x, double n) {
    return x <= 0 ? 0 : x * Math.log(x / n);
  }
}
