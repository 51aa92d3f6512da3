package io.casefile.alerts;

import io.casefile.alerts.MultiWindowBurnRate.Counts;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Monte-Carlo of the SLO burn-rate alert ({@link MultiWindowBurnRate} with its defaults, 99.9%
 * objective) on simulated per-second request and failure counts, for BENCHMARKS.md:
 *
 * <pre>
 * quiet RUNS STEP_S REQUESTS_PER_HOUR FAILURE_SHARE   share of 7-hour runs from a fresh start that page
 * onset RUNS STEP_S TRAFFIC_FACTOR                    detection delay of a checkout-like step to +10.4% failures
 * </pre>
 *
 * The onset runs model the demo's checkout: 1.08 requests/s times the daily factor (0.65 at night,
 * 1.35 at the afternoon peak), failing at 0.57% for an hour, then at 0.57% + 10.4% (the bad-deploy
 * scenario's share of PIX checkouts failing); the onset falls at a random offset in the evaluation
 * grid. Seeded: the same arguments print the same figures.
 */
final class BurnRateSimulation {
  private static final double BUDGET = 0.001;
  private static final MultiWindowBurnRate BURN = new MultiWindowBurnRate();

  private BurnRateSimulation() {}

  public static void main(String[] args) {
    var rnd = new SplittableRandom(42);
    int runs = Integer.parseInt(args[1]);
    int step = Integer.parseInt(args[2]);
    if (args[0].equals("quiet")) {
      double perHour = Double.parseDouble(args[3]);
      double share = Double.parseDouble(args[4]);
      int secs = 7 * 3600;
      int paged = 0;
      int[] byHour = new int[7];
      for (int run = 0; run < runs; run++) {
        long[][] c = counts(rnd, secs, s -> perHour / 3600, s -> share);
        for (int t = step; t <= secs; t += step) {
          if (fires(c, t)) {
            paged++;
            byHour[t / 3600 == 7 ? 6 : t / 3600]++;
            break;
          }
        }
      }
      System.out.printf(Locale.ROOT, "quiet %.0f requests/h failing %.2f%% (%.1f×), every %d s: paged in %d of %d "
          + "7-hour runs (%.1f%%); first page by hour %s%n", perHour, share * 100, share / BUDGET, step, paged, runs,
          100.0 * paged / runs, Arrays.toString(byHour));
    } else {
      double daily = Double.parseDouble(args[3]);
      int base = 3600;
      int secs = base + 600;
      int within = 0;
      int before = 0;
      double sum = 0;
      int[] delays = new int[runs];
      for (int run = 0; run < runs; run++) {
        long[][] c = counts(rnd, secs, s -> 1.08 * daily, s -> s < base ? 0.0057 : 0.0057 + 0.104);
        int first = Integer.MAX_VALUE;
        for (int t = step - rnd.nextInt(step); t <= secs; t += step) {
          if (fires(c, t)) {
            first = t - base;
            break;
          }
        }
        if (first < 0) {
          before++;
        } else if (first <= 120) {
          within++;
        }
        delays[run] = first;
        sum += Math.max(0, Math.min(first, 600));
      }
      Arrays.sort(delays);
      System.out.printf(Locale.ROOT, "onset at traffic factor %.2f, every %d s: fired within 120 s in %d of %d runs "
          + "(%.0f%%), median %d s, 95th percentile %d s, mean %.0f s, before the onset %d%n", daily, step, within, runs,
          100.0 * within / runs, delays[runs / 2], delays[runs * 95 / 100], sum / runs, before);
    }
  }

  private static boolean fires(long[][] c, int t) {
    Map<Duration, Counts> m = new HashMap<>();
    for (Duration w : BURN.windows()) {
      int from = (int) Math.max(0, t - w.toSeconds());
      m.put(w, new Counts(c[0][t] - c[0][from], c[1][t] - c[1][from]));
    }
    return BURN.evaluate(BUDGET, m, Duration.ofSeconds(t)).firing();
  }

  /** Prefix sums of requests and failures per second. */
  private static long[][] counts(SplittableRandom rnd, int secs, IntToDoubleFunction rate, IntToDoubleFunction share) {
    long[][] c = new long[2][secs + 1];
    for (int s = 0; s < secs; s++) {
      long n = poisson(rnd, rate.applyAsDouble(s));
      long bad = 0;
      double q = share.applyAsDouble(s);
      for (long i = 0; i < n; i++) {
        if (rnd.nextDouble() < q) {
          bad++;
        }
      }
      c[0][s + 1] = c[0][s] + n;
      c[1][s + 1] = c[1][s] + bad;
    }
    return c;
  }

  private static long poisson(SplittableRandom rnd, double mu) {
    double limit = Math.exp(-mu);
    double p = 1;
    long k = -1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > limit);
    return k;
  }
}
