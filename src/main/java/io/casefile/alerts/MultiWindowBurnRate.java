package io.casefile.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Multi-window, multi-burn-rate alerting as in the Google SRE workbook ("Alerting on SLOs", table
 * 5-8): page when the error budget burns at 14.4× over both the last hour and the last 5 minutes
 * (2% of a 30-day budget in one hour), or at 6× over both the last 6 hours and the last 30 minutes
 * (5% in six hours). The long window makes the alert significant, the short one makes it stop soon
 * after the burn stops. A third rule reads the fast rule's 5-minute window as its long window: it
 * pages when the last 5 minutes burn beyond doubt faster than 14.4× and the last minute still does,
 * so a sudden burn pages in a minute or two instead of the 1 h × 14.4 / burn rate the hour needs
 * (8 minutes at 110×). Pure: counts in, verdict out.
 *
 * <p>A window reaching back before the first stored request measures the data available, so with
 * one hour of history the 6-hour burn rate is the burn rate of that hour. The long window must also
 * exceed its threshold significantly: an exact one-sided Poisson test of the null hypothesis "this
 * window burns at exactly {@code factor}", whose expected bad count is
 * {@code μ = factor × budget × requests}, must reject it at level {@code alpha}:
 * {@code P(X ≥ bad | μ) < alpha}. On a thin flow a failure or two would otherwise read as a huge
 * burn rate (the workbook's low-traffic caveat), and a flow that normally runs just under a
 * threshold would page on noise. The test uses the spread expected under the threshold rate, not the
 * observed one, which would demand more evidence exactly when the burn is real. A rule is evaluated
 * only once the data covers twice its short window: before that its long window would read mostly
 * the same requests as its short one, a single short window and a noisier rule than the one the
 * thresholds were chosen for.
 */
public final class MultiWindowBurnRate {

  /** Fire when both windows burn faster than {@code factor}. */
  public record Rule(Duration longWindow, Duration shortWindow, double factor) {
    public Rule {
      Objects.requireNonNull(longWindow, "long window");
      Objects.requireNonNull(shortWindow, "short window");
      if (shortWindow.compareTo(longWindow) >= 0 || shortWindow.isNegative() || shortWindow.isZero()) {
        throw new IllegalArgumentException("short window must be positive and shorter than the long one, got "
            + shortWindow + " and " + longWindow);
      }
      if (!(factor > 0)) {
        throw new IllegalArgumentException("burn-rate factor must be positive, got " + factor);
      }
    }

    String describe() {
      return String.format(Locale.ROOT, "%s and %s above %s×", text(longWindow), text(shortWindow), trim(factor));
    }
  }

  /** Requests and bad requests in one window ending now. */
  public record Counts(long requests, long bad) {
    public Counts {
      if (requests < 0 || bad < 0 || bad > requests) {
        throw new IllegalArgumentException("window counts must satisfy 0 <= bad <= requests, got bad=" + bad
            + " requests=" + requests);
      }
    }

    public static final Counts NONE = new Counts(0, 0);
  }

  /** One window's counts and burn rate: (bad / requests) / (1 − objective); 0 without requests. */
  public record WindowBurn(Duration window, long requests, long bad, double burnRate) {}

  /** The burn rate of every window, and the first rule that fires (null when none). */
  public record Verdict(List<WindowBurn> windows, Rule firedBy) {
    public Verdict {
      windows = List.copyOf(windows);
    }

    public boolean firing() {
      return firedBy != null;
    }

    public WindowBurn window(Duration d) {
      return windows.stream().filter(w -> w.window().equals(d)).findFirst().orElseThrow();
    }

    /** {@code burn rate 36.2× over 1h and 41.0× over 5m (fires above 14.4×)}. */
    public String describe() {
      if (firedBy == null) {
        return "not burning fast: " + String.join(", ", windows.stream()
            .map(w -> String.format(Locale.ROOT, "%s %.1f×", text(w.window()), w.burnRate())).toList());
      }
      return String.format(Locale.ROOT, "burn rate %.1f× over %s and %.1f× over %s (fires when both exceed %s×)",
          window(firedBy.longWindow()).burnRate(), text(firedBy.longWindow()),
          window(firedBy.shortWindow()).burnRate(), text(firedBy.shortWindow()), trim(firedBy.factor()));
    }
  }

  /** The workbook's two paging rules, then the fast burn beyond doubt over 5 minutes. */
  public static final List<Rule> PAGE = List.of(
      new Rule(Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
      new Rule(Duration.ofHours(6), Duration.ofMinutes(30), 6),
      new Rule(Duration.ofMinutes(5), Duration.ofMinutes(1), 14.4));
  /** The one-sided tail of two standard deviations: 97.7% confidence that the long window burns too fast. */
  public static final double DEFAULT_ALPHA = 0.02275;

  private final List<Rule> rules;
  private final double alpha;

  public MultiWindowBurnRate(List<Rule> rules, double alpha) {
    this.rules = List.copyOf(rules);
    if (this.rules.isEmpty()) {
      throw new IllegalArgumentException("at least one burn-rate rule is needed");
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("significance level alpha must be in (0, 0.5), got " + alpha);
    }
    this.alpha = alpha;
  }

  public MultiWindowBurnRate() {
    this(PAGE, DEFAULT_ALPHA);
  }

  /** Every window the rules read, shortest first. */
  public List<Duration> windows() {
    var all = new TreeSet<Duration>();
    for (Rule r : rules) {
      all.add(r.longWindow());
      all.add(r.shortWindow());
    }
    return List.copyOf(all);
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * @param errorBudget 1 − objective
   * @param counts the counts of each of {@link #windows()}; a missing window counts nothing
   */
  public Verdict evaluate(double errorBudget, Map<Duration, Counts> counts) {
    return evaluate(errorBudget, counts, null);
  }

  /**
   * @param history how far back the stored data reaches; a rule is evaluated only once it covers
   *     twice the rule's short window (null: it does)
   */
  public Verdict evaluate(double errorBudget, Map<Duration, Counts> counts, Duration history) {
    if (!(errorBudget > 0 && errorBudget < 1)) {
      throw new IllegalArgumentException("error budget must be in (0, 1), got " + errorBudget);
    }
    List<WindowBurn> burns = new ArrayList<>();
    for (Duration w : windows()) {
      Counts c = counts.getOrDefault(w, Counts.NONE);
      double rate = c.requests() == 0 ? 0 : (double) c.bad() / c.requests() / errorBudget;
      burns.add(new WindowBurn(w, c.requests(), c.bad(), rate));
    }
    Verdict none = new Verdict(burns, null);
    for (Rule r : rules) {
      if (history != null && history.compareTo(r.shortWindow().multipliedBy(2)) < 0) {
        continue;
      }
      WindowBurn lw = none.window(r.longWindow());
      WindowBurn sw = none.window(r.shortWindow());
      boolean significant = poissonTail(lw.bad(), r.factor() * errorBudget * lw.requests()) < alpha;
      if (significant && lw.burnRate() > r.factor() && sw.burnRate() > r.factor()) {
        return new Verdict(burns, r);
      }
    }
    return none;
  }

  /** {@code P(X ≥ k)} for {@code X ~ Poisson(mu)}: the upper tail, summed in log space from k up. */
  static double poissonTail(long k, double mu) {
    if (k <= 0) {
      return 1;
    }
    if (mu <= 0) {
      return 0;
    }
    double logTerm = -mu + k * Math.log(mu);
    for (long i = 2; i <= k; i++) {
      logTerm -= Math.log(i);
    }
    double tail = 0;
    for (long i = k; ; i++) {
      double term = Math.exp(logTerm);
      tail += term;
      if (i > mu && term <= tail * 1e-12) { // past the mode and negligible (or the whole tail underflowed)
        return Math.min(1, tail);
      }
      logTerm += Math.log(mu) - Math.log(i + 1);
    }
  }

  static String text(Duration d) {
    if (d.toHoursPart() == 0 && d.toDays() == 0 && d.toMinutesPart() > 0 && d.toSecondsPart() == 0) {
      return d.toMinutes() + "m";
    }
    if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + "h";
    }
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
