package io.casefile.analysis.onset;

/**
 * A detected change: the first changed bucket {@code index}, a likelihood interval of buckets
 * [{@code earliest}, {@code latest}], the onset refined inside the boundary buckets as an offset
 * in buckets from the start of {@code index} ({@code shift} in (-1, 1)), the level before and after
 * (error ratio, latency in ms, or requests per bucket) and the test statistic (twice the log
 * likelihood ratio, or a robust z for latency).
 */
public record ChangePoint(
    int index, int earliest, int latest, double shift, double before, double after, double statistic) {
  public ChangePoint {
    if (earliest > index || latest < index || earliest < 0) {
      throw new IllegalArgumentException(
          "change point interval must contain the index: " + earliest + " <= " + index + " <= " + latest);
    }
    if (!(shift > -1 && shift < 1)) {
      throw new IllegalArgumentException("onset shift must be in (-1, 1) buckets, got " + shift);
    }
  }
}

