package io.casefile.analysis.onset;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * Error-ratio onset: scans every split of the series and takes the one with the largest binomial
 * log-likelihood ratio (one rate before, another after) among splits where the rate rose. A change
 * is reported only when it is significant ({@code 2·LLR ≥ minStatistic}) and material (the rate
 * rose by at least {@code minAbsoluteRise} and by a factor of {@code minRatio}, with at least
 * {@code minExcessErrors} errors above what the old rate predicts). The interval is the profile
 * likelihood interval (2·LLR within 3.84 of the maximum, ~95%).
 */
public final class BinomialOnsetDetector implements OnsetDetector {
  private final double minStatistic;
  private final double minAbsoluteRise;
  private final double minRatio;
  private final double minExcessErrors;
  private final int minSegment;

  public BinomialOnsetDetector(
      double minStatistic, double minAbsoluteRise, double minRatio, double minExcessErrors, int minSegment) {
    if (minSegment < 1) {
      throw new IllegalArgumentException("minimum segment must be >= 1 bucket, got " + minSegment);
    }
    this.minStatistic = minStatistic;
    this.minAbsoluteRise = minAbsoluteRise;
    this.minRatio = minRatio;
    this.minExcessErrors = minExcessErrors;
    this.minSegment = minSegment;
  }

  /** Defaults: 2·LLR ≥ 20, rise ≥ 0.5 points and ≥ 1.5×, ≥ 5 excess errors, segments ≥ 3 buckets. */
  public BinomialOnsetDetector() {
    this(20, 0.005, 1.5, 5, 3);
  }

  @Override
  public String name() {
    return "binomial";
  }

  @Override
  public Optional<ChangePoint> detect(BucketSeries s) {
    int n = s.size();
    if (n < 2 * minSegment) {
      return Optional.empty();
    }
    long[] cn = new long[n + 1];
    long[] ce = new long[n + 1];
    for (int i = 0; i < n; i++) {
      cn[i + 1] = cn[i] + s.requests(i);
      ce[i + 1] = ce[i] + s.errors(i);
    }
    double total = cn[n];
    double totalErr = ce[n];
    if (totalErr == 0) {
      return Optional.empty();
    }
    double nullLl = Splits.xlogx(totalErr, total) + Splits.xlogx(total - totalErr, total);
    double[] stat = new double[n];
    Arrays.fill(stat, Double.NaN);
    int best = -1;
    for (int k = minSegment; k <= n - minSegment; k++) {
      double n1 = cn[k];
      double e1 = ce[k];
      double n2 = total - n1;
      double e2 = totalErr - e1;
      if (n1 == 0 || n2 == 0 || e2 / n2 <= e1 / n1) {
        continue;
      }
      double ll = Splits.xlogx(e1, n1) + Splits.xlogx(n1 - e1, n1) + Splits.xlogx(e2, n2) + Splits.xlogx(n2 - e2, n2);
      stat[k] = 2 * (ll - nullLl);
      if (best < 0 || stat[k] > stat[best]) {
        best = k;
      }
    }
    if (best < 0 || stat[best] < minStatistic) {
      return Optional.empty();
    }
    double p1 = (double) ce[best] / cn[best];
    double n2 = total - cn[best];
    double p2 = (totalErr - ce[best]) / n2;
    double excess = (totalErr - ce[best]) - n2 * p1;
    if (p2 - p1 < minAbsoluteRise || p2 < minRatio * p1 || excess < minExcessErrors) {
      return Optional.empty();
    }
    int[] iv = Splits.interval(stat, best, 3.84);
    double shift = Splits.shift(rate(s, best - 1), rate(s, best), p1, p2);
    // a fault that grows with load rises gradually, and a step fits it late: fit a linear ramp
    // from p1 to p2 starting at tau too, and take its start when it fits clearly better
    int tau = rampStart(s, best, shift, p1, p2);
    if (tau < best) {
      return Optional.of(new ChangePoint(tau, Math.min(iv[0], tau), Math.max(iv[1], tau), 0, p1, p2, stat[best]));
    }
    return Optional.of(new ChangePoint(best, iv[0], iv[1], shift, p1, p2, stat[best]));
  }

  /** Ramp lengths tried, in buckets. */
  private static final int[] RAMPS = {1, 2, 3, 4, 6, 8, 12};

  /**
   * The start of the best-fitting ramp (binomial likelihood over the buckets around the step),
   * or {@code best} when the step fits as well (a ramp must gain more than 2 in log-likelihood).
   * The step is the one reported, at {@code best + shift}: a step inside a bucket leaves that
   * bucket between the two rates, which a ramp must not be credited for.
   */
  private int rampStart(BucketSeries s, int best, double shift, double p1, double p2) {
    int lo = Math.max(minSegment, best - 12);
    int hi = Math.min(s.size(), best + 12);
    double at = best + shift;
    double bestLl = ll(s, lo, hi, p1, p2, i -> Math.clamp(i + 1 - at, 0.0, 1.0)) + 2;
    int bestTau = best;
    for (int tau = lo; tau < best; tau++) {
      for (int ramp : RAMPS) {
        int start = tau;
        double l = ll(s, lo, hi, p1, p2, i -> i < start ? 0 : Math.min(1, (i - start + 0.5) / ramp));
        if (l > bestLl) {
          bestLl = l;
          bestTau = tau;
        }
      }
    }
    return bestTau;
  }

  /** Binomial log-likelihood of buckets [lo, hi) at rate p1 + (p2 − p1)·progress(i). */
  private static double ll(BucketSeries s, int lo, int hi, double p1, double p2, IntToDoubleFunction progress) {
    double sum = 0;
    for (int i = lo; i < hi; i++) {
      double p = p1 + (p2 - p1) * progress.applyAsDouble(i);
      p = Math.min(1 - 1e-9, Math.max(1e-9, p));
      sum += s.errors(i) * Math.log(p) + (s.requests(i) - s.errors(i)) * Math.log(1 - p);
    }
    return sum;
  }

  private static double rate(BucketSeries s, int i) {
    return s.requests(i) == 0 ? Double.NaN : (double) s.errors(i) / s.requests(i);
  }
}
