package io.casefile.analysis.rootcause;

import java.util.function.IntUnaryOperator;

/**
 * Finds when the environment changed when no signal named an onset: every split of the buckets
 * that leaves at least {@code minSide} buckets with traffic on each side is ranked, and the split
 * where the requests' logs changed most in a fault's direction wins ({@link FlowLogEvents#change()}:
 * the summed squared z of the moves, each z weighing both windows' sizes, so a split that leaves
 * few requests on one side does not win by chance); without such moves, the split whose strongest
 * cause is strongest. Each side must also hold at least {@code minSide} buckets' worth of the
 * range's mean spans per busy bucket, so a baseline of a few sparse buckets (where everything looks
 * new) is not compared. Earlier splits win ties.
 */
public final class SplitScan {
  /** At most this many splits are ranked, evenly spaced over the buckets with traffic. */
  static final int MAX_SPLITS = 60;

  /** The chosen split and its ranking. */
  public record Found(int split, RootCauseRanking ranking) {}

  private final RootCauseRanker ranker;
  private final int minSide;

  public SplitScan(RootCauseRanker ranker, int minSide) {
    if (minSide < 2) {
      throw new IllegalArgumentException("each side needs at least 2 buckets, got " + minSide);
    }
    this.ranker = ranker;
    this.minSide = minSide;
  }

  /**
   * The best split of [0, end), each compared with the baseline starting at
   * {@code baselineFrom.applyAsInt(split)}; null when no split leaves enough traffic on both sides.
   */
  public Found scan(Buckets b, int end, IntUnaryOperator baselineFrom, double bucketSeconds) {
    Found best = null;
    double bestChange = 0;
    int busy = traffic(b, 0, end);
    double perBucket = busy == 0 ? 1 : (double) spans(b, 0, end) / busy;
    int stride = Math.max(1, busy / MAX_SPLITS);
    for (int k = 1; k < end; k += stride) {
      if (traffic(b, baselineFrom.applyAsInt(k), k) < minSide || traffic(b, k, end) < minSide
          || spans(b, baselineFrom.applyAsInt(k), k) < minSide * perBucket || spans(b, k, end) < minSide * perBucket) {
        continue;
      }
      RootCauseInput in = b.window(baselineFrom.applyAsInt(k), k, end, bucketSeconds);
      RootCauseRanking r = ranker.rank(in);
      double change = new FlowLogEvents(in).change();
      if (best == null || change > bestChange || (change == bestChange && r.strength() > best.ranking().strength())) {
        best = new Found(k, r);
        bestChange = change;
      }
    }
    return best;
  }

  private static long spans(Buckets b, int from, int to) {
    long n = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      n += b.spans(i);
    }
    return n;
  }

  private static int traffic(Buckets b, int from, int to) {
    int n = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      if (b.hasTraffic(i)) {
        n++;
      }
    }
    return n;
  }
}
