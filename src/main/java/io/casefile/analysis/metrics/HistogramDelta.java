package io.casefile.analysis.metrics;

import java.util.Arrays;

/** Counts observed by a histogram between two points (or in one delta point). */
record HistogramDelta(double sum, long count, double[] bounds, long[] buckets) {

  /** The q-quantile by linear interpolation inside the bucket holding it; NaN without buckets. */
  double quantile(double q) {
    long total = Arrays.stream(buckets).sum();
    if (total == 0 || bounds.length == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i] > 0 && seen + buckets[i] >= rank) {
        if (i == bounds.length) {
          return bounds[bounds.length - 1]; // open upper bucket: its lower bound
        }
        double lo = i == 0 ? Math.min(0, bounds[0]) : bounds[i - 1];
        double hi = bounds[i];
        return lo + (hi - lo) * (rank - seen) / buckets[i];
      }
      seen += buckets[i];
    }
    return bounds[bounds.length - 1];
  }

  /** Adds another delta with the same bounds; null when the bounds differ. */
  HistogramDelta plus(HistogramDelta o) {
    if (!Arrays.equals(bounds, o.bounds) || buckets.length != o.buckets.length) {
      return null;
    }
    long[] b = buckets.clone();
    for (int i = 0; i < b.length; i++) {
      b[i] += o.buckets[i];
    }
    return new HistogramDelta(sum + o.sum, count + o.count, bounds, b);
  }
}
