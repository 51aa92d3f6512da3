package io.casefile.analysis.effect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Measures an action's effect on an error-rate signal. The "before" window is the observation
 * window's length ending at the action; the "after" window runs from the action (or from a
 * significant change point shortly after it, so that roll-out lag does not dilute the result) to
 * the end of the observation window. The estimate is the treated cohort's rate change minus the
 * control cohort's (difference-in-differences), or the plain change without a usable control.
 *
 * <p>Verdict: helped when the estimate is negative, at least {@link #MIN_Z} standard errors from
 * zero and at least {@link #MIN_RELATIVE} of the before rate; made it worse symmetrically; no
 * measurable effect otherwise or with too few requests; confounded whenever another change
 * overlapped, whatever the numbers say.
 */
public final class EffectMeasurer {
  static final double MIN_Z = 3.0;
  static final double MIN_RELATIVE = 0.2;
  static final double MIN_ABSOLUTE = 0.001;
  static final long MIN_REQUESTS = 20;
  /** Likelihood-ratio threshold for a change point (chi-square, 1 dof, p ≈ 0.001). */
  static final double CHANGE_POINT_LR = 10.83;

  /**
   * @param treated buckets of the affected cohort, any order
   * @param control buckets of an unaffected cohort (may be empty)
   * @param actionAt when the action started
   * @param window the observation window
   * @param confounded whether another change overlapped this one
   */
  public EffectMeasurement measure(
      List<Bucket> treated, List<Bucket> control, Instant actionAt, Duration window, boolean confounded) {
    return measure(treated, control, actionAt, window, confounded, false);
  }

  /**
   * As {@link #measure(List, List, Instant, Duration, boolean)}; with {@code scopeCoversControl}
   * (the action's scope reaches the control cohort too, such as a rollback of a service both pass
   * through) a control that moves significantly with the action is no counterfactual: the
   * measurement falls back to before/after on the treated cohort, from its change point, and says so.
   */
  public EffectMeasurement measure(List<Bucket> treated, List<Bucket> control, Instant actionAt, Duration window,
      boolean confounded, boolean scopeCoversControl) {
    Objects.requireNonNull(actionAt, "actionAt");
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("observation window must be positive, got: " + window);
    }
    List<Bucket> t = sorted(treated);
    List<Bucket> c = sorted(control);
    Instant beforeFrom = actionAt.minus(window);
    Instant end = actionAt.plus(window);
    Instant changePoint = changePoint(t, beforeFrom, end);
    Instant afterFrom = actionAt;
    if (changePoint != null && changePoint.isAfter(actionAt)
        && !changePoint.isAfter(actionAt.plus(window.dividedBy(2)))) {
      afterFrom = changePoint;
    }
    RateWindow tb = RateWindow.sum(t, beforeFrom, actionAt);
    RateWindow ta = RateWindow.sum(t, afterFrom, end);
    RateWindow cb = RateWindow.sum(c, beforeFrom, actionAt);
    RateWindow ca = RateWindow.sum(c, afterFrom, end);

    double change = ta.rate() - tb.rate();
    boolean did = cb.requests() >= MIN_REQUESTS && ca.requests() >= MIN_REQUESTS;
    String controlNote = "";
    if (did && scopeCoversControl && touched(c, cb, ca, beforeFrom, actionAt, end, window)) {
      // the control moved with the action: the action reached it too, so it is no counterfactual
      did = false;
      controlNote = String.format(Locale.ROOT, "the control moved with the action (%.2f%% -> %.2f%%), so the action "
          + "reached it too and it is not a control: before/after on the treated cohort%s; ", 100 * cb.rate(),
          100 * ca.rate(), changePoint != null && afterFrom.equals(changePoint) ? " from its change point at "
              + changePoint : "");
    }
    double estimate = did ? change - (ca.rate() - cb.rate()) : change;
    double variance = tb.variance() + ta.variance() + (did ? cb.variance() + ca.variance() : 0.0);
    double se = Math.sqrt(variance);
    double z = se == 0 ? 0.0 : estimate / se;

    EffectVerdict verdict;
    String why;
    boolean enough = tb.requests() >= MIN_REQUESTS && ta.requests() >= MIN_REQUESTS;
    double practical = Math.max(MIN_ABSOLUTE, MIN_RELATIVE * tb.rate());
    if (!enough) {
      verdict = EffectVerdict.NO_MEASURABLE_EFFECT;
      why = String.format(Locale.ROOT, "too few requests to measure (%d before, %d after; need %d each)",
          tb.requests(), ta.requests(), MIN_REQUESTS);
    } else if (z <= -MIN_Z && -estimate >= practical) {
      verdict = EffectVerdict.HELPED;
      why = describe("fell", tb, ta, cb, ca, did, z);
    } else if (z >= MIN_Z && estimate >= practical) {
      verdict = EffectVerdict.MADE_IT_WORSE;
      why = describe("rose", tb, ta, cb, ca, did, z);
    } else {
      verdict = EffectVerdict.NO_MEASURABLE_EFFECT;
      why = describe("did not change measurably", tb, ta, cb, ca, did, z);
    }
    why = controlNote + why;
    if (confounded && enough) {
      why = "another change overlapped this one, so the effect cannot be attributed; the numbers alone say: "
          + verdict.words() + " (" + why + ")";
      verdict = EffectVerdict.CONFOUNDED;
    } else if (confounded) {
      why = "another change overlapped this one; " + why;
      verdict = EffectVerdict.CONFOUNDED;
    }
    return new EffectMeasurement(verdict, tb, ta, cb, ca, change, estimate, se, z, did, changePoint, why);
  }

  /**
   * Whether the control changed significantly, by a practical amount, at a change point between
   * the action and the middle of the window: a control the action did not touch keeps its trend.
   */
  private static boolean touched(List<Bucket> c, RateWindow cb, RateWindow ca, Instant beforeFrom, Instant actionAt,
      Instant end, Duration window) {
    Instant cp = changePoint(c, beforeFrom, end);
    if (cp == null || cp.isBefore(actionAt) || cp.isAfter(actionAt.plus(window.dividedBy(2)))) {
      return false;
    }
    double moved = ca.rate() - cb.rate();
    double se = Math.sqrt(cb.variance() + ca.variance());
    double practical = Math.max(MIN_ABSOLUTE, MIN_RELATIVE * Math.max(cb.rate(), ca.rate()));
    return Math.abs(moved) >= practical && se > 0 && Math.abs(moved) / se >= MIN_Z;
  }

  private static String describe(String moved, RateWindow tb, RateWindow ta, RateWindow cb, RateWindow ca,
      boolean did, double z) {
    String s = String.format(Locale.ROOT, "error rate %s: %.2f%% -> %.2f%% (%.1f -> %.1f failed/min)",
        moved, 100 * tb.rate(), 100 * ta.rate(), tb.errorsPerMinute(), ta.errorsPerMinute());
    if (did) {
      s += String.format(Locale.ROOT, "; control %.2f%% -> %.2f%%; difference-in-differences %+.2f pp, z=%.1f",
          100 * cb.rate(), 100 * ca.rate(), 100 * ((ta.rate() - tb.rate()) - (ca.rate() - cb.rate())), z);
    } else {
      s += String.format(Locale.ROOT, "; no control cohort with enough traffic; z=%.1f", z);
    }
    return s;
  }

  /**
   * The bucket start that best splits [from, to) into two binomial segments, when the split is
   * significant; ties go to the earliest split.
   */
  static Instant changePoint(List<Bucket> buckets, Instant from, Instant to) {
    List<Bucket> in = new ArrayList<>();
    for (Bucket b : buckets) {
      if (!b.start().isBefore(from) && b.start().isBefore(to)) {
        in.add(b);
      }
    }
    if (in.size() < 2) {
      return null;
    }
    long n = 0;
    long e = 0;
    for (Bucket b : in) {
      n += b.requests();
      e += b.errors();
    }
    double whole = logLikelihood(e, n);
    double best = 0;
    Instant at = null;
    long leftN = 0;
    long leftE = 0;
    for (int k = 1; k < in.size(); k++) {
      leftN += in.get(k - 1).requests();
      leftE += in.get(k - 1).errors();
      double gain = logLikelihood(leftE, leftN) + logLikelihood(e - leftE, n - leftN) - whole;
      if (gain > best + 1e-9) {
        best = gain;
        at = in.get(k).start();
      }
    }
    return 2 * best >= CHANGE_POINT_LR ? at : null;
  }

  private static double logLikelihood(long errors, long requests) {
    if (requests == 0 || errors == 0 || errors == requests) {
      return 0.0;
    }
    double p = (double) errors / requests;
    return errors * Math.log(p) + (requests - errors) * Math.log(1 - p);
  }

  private static List<Bucket> sorted(List<Bucket> buckets) {
    if (buckets == null) {
      return List.of();
    }
    List<Bucket> copy = new ArrayList<>(buckets);
    copy.sort(Comparator.comparing(Bucket::start));
    return copy;
  }
}
