package io.casefile.analysis.onset;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Hand-built series with a known change, from a fixed seed. */
final class SeriesFixtures {
  static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

  private SeriesFixtures() {}

  static long binomial(SplittableRandom r, long n, double p) {
    long k = 0;
    for (long i = 0; i < n; i++) {
      if (r.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }

  static long poisson(SplittableRandom r, double lambda) {
    double l = Math.exp(-lambda);
    long k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** Poisson arrivals at {@code rate} per bucket; error rate p0 before {@code at}, p1 from it. */
  static BucketSeries errorStep(long seed, int n, int at, double rate, double p0, double p1) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] req = new long[n];
    long[] err = new long[n];
    for (int i = 0; i < n; i++) {
      req[i] = poisson(r, rate);
      err[i] = binomial(r, req[i], i < at ? p0 : p1);
    }
    return new BucketSeries(T0, Duration.ofSeconds(10), req, err, null);
  }

  /** Latency quantile values: lognormal noise around base ms, times factor from {@code at}. */
  static BucketSeries latencyStep(long seed, int n, int at, double baseMs, double factor) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] req = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      req[i] = 50;
      double noise = Math.exp(0.15 * gaussian(r));
      v[i] = baseMs * noise * (i < at ? 1 : factor);
    }
    return new BucketSeries(T0, Duration.ofSeconds(10), req, null, v);
  }

  /**
   * Per-bucket quantile {@code q} (interpolated, as the store computes it) of {@code perBucket}
   * lognormal request latencies around {@code baseMs}; from {@code at} on, each request is
   * {@code factor} times slower with probability {@code slowShare}.
   */
  static BucketSeries quantileStep(long seed, int n, int at, int perBucket, double baseMs, double slowShare,
      double factor, double q) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] req = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double[] ms = new double[perBucket];
      for (int j = 0; j < perBucket; j++) {
        ms[j] = baseMs * Math.exp(0.3 * gaussian(r));
        if (i >= at && r.nextDouble() < slowShare) {
          ms[j] *= factor;
        }
      }
      Arrays.sort(ms);
      double h = (perBucket - 1) * q;
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, perBucket - 1);
      req[i] = perBucket;
      v[i] = ms[lo] + (h - lo) * (ms[hi] - ms[lo]);
    }
    return new BucketSeries(T0, Duration.ofSeconds(10), req, null, v);
  }

  static BucketSeries rateStep(long seed, int n, int at, double before, double after) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] req = new long[n];
    for (int i = 0; i < n; i++) {
      req[i] = poisson(r, i < at ? before : after);
    }
    return new BucketSeries(T0, Duration.ofSeconds(10), req, null, null);
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
