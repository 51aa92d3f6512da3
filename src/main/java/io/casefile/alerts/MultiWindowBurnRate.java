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
 * after the burn stops. A third rule is a window-limited scan (a generalized-likelihood-ratio test of
 * a Poisson rate increase whose change point is unknown, Lai 1998): it pages when any window of the
 * last 1 to 5 minutes, on the 10 s grid, burns beyond doubt faster than 14.4× and the last minute
 * still does, so a sudden burn pages in a minute or two instead of the 1 h × 14.4 / burn rate the
 * hour needs (8 minutes at 110×). Each of its 25 windows is tested at {@code alpha / 25}
 * (Bonferroni), so the rule's false-alarm level per evaluation stays {@code alpha}. Pure: counts in,
 * verdict out.
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

  /**
   * Fire when both windows burn faster than {@code factor}. With {@code scanFrom}, the long window is
   * scanned: the rule tests every window from {@code scanFrom} up to {@code longWindow} in
   * {@link #SCAN_STEP} steps, and fires on the first significant one.
   */
  public record Rule(Duration longWindow, Duration shortWindow, double factor, Duration scanFrom) {
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
      if (scanFrom != null && (scanFrom.compareTo(SCAN_STEP) < 0 || scanFrom.compareTo(longWindow) > 0
          || scanFrom.toMillis() % SCAN_STEP.toMillis() != 0 || longWindow.toMillis() % SCAN_STEP.toMillis() != 0)) {
        throw new IllegalArgumentException("a scanned rule reads windows from " + scanFrom + " to " + longWindow
            + ": both must be multiples of " + SCAN_STEP + ", the first no longer than the second");
      }
    }

    public Rule(Duration longWindow, Duration shortWindow, double factor) {
      this(longWindow, shortWindow, factor, null);
    }

    /** The windows the long-window test reads: the long window, or every scanned one, shortest first. */
    public List<Duration> longWindows() {
      if (scanFrom == null) {
        return List.of(longWindow);
      }
      List<Duration> out = new ArrayList<>();
      for (Duration w = scanFrom; w.compareTo(longWindow) <= 0; w = w.plus(SCAN_STEP)) {
        out.add(w);
      }
      return out;
    }

    String describe() {
      String over = scanFrom == null ? text(longWindow) : "any window of " + text(scanFrom) + " to " + text(longWindow);
      return String.format(Locale.ROOT, "%s and %s above %s×", over, text(shortWindow), trim(factor));
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

  /**
   * The burn rate of every rule's windows, the first rule that fires (null when none) and the long
   * window its test fired on (one of a scanned rule's windows, which are listed only when they fire).
   */
  public record Verdict(List<WindowBurn> windows, Rule firedBy, Duration firedOver) {
    public Verdict {
      windows = List.copyOf(windows);
    }

    public boolean firing() {
      return firedBy != null;
    }

    public WindowBurn window(Duration d) {
      return windows.stream().filter(w -> w.window().equals(d)).findFirst().orElseThrow();
    }

    /** {@code burn rate 36.2× over 1h and 41.0× over 5m (fires when both exceed 14.4×)}. */
    public String describe() {
      if (firedBy == null) {
        return "not burning fast: " + String.join(", ", windows.stream()
            .map(w -> String.format(Locale.ROOT, "%s %.1f×", text(w.window()), w.burnRate())).toList());
      }
      WindowBurn over = window(firedOver);
      if (firedOver.equals(firedBy.shortWindow())) {
        return String.format(Locale.ROOT, "burn rate %.1f× over %s (%d of %d failed; fires when it exceeds %s×)",
            over.burnRate(), text(firedOver), over.bad(), over.requests(), trim(firedBy.factor()));
      }
      return String.format(Locale.ROOT, "burn rate %.1f× over %s (%d of %d failed) and %.1f× over %s (fires when both"
              + " exceed %s×)", over.burnRate(), text(firedOver), over.bad(), over.requests(),
          window(firedBy.shortWindow()).burnRate(), text(firedBy.shortWindow()), trim(firedBy.factor()));
    }
  }

  /** The step of a scanned rule's windows: the evaluation grid. */
  public static final Duration SCAN_STEP = Duration.ofSeconds(10);
  /** The workbook's two paging rules, then the fast burn beyond doubt over any of the last 1 to 5 minutes. */
  public static final List<Rule> PAGE = List.of(
      new Rule(Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
      new Rule(Duration.ofHours(6), Duration.ofMinutes(30), 6),
      new Rule(Duration.ofMinutes(5), Duration.ofMinutes(1), 14.4, Duration.ofMinutes(1)));
  /** The one-sided tail of two standard deviations: 97.7% confidence that the long window burns too fast. */
  public static final double DEFAULT_ALPHA = 0.02275;

  private final List<Rule> rules;
  private final double alpha;
  private final List<Duration> shown;

  public MultiWindowBurnRate(List<Rule> rules, double alpha) {
    this.rules = List.copyOf(rules);
    if (this.rules.isEmpty()) {
      throw new IllegalArgumentException("at least one burn-rate rule is needed");
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("significance level alpha must be in (0, 0.5), got " + alpha);
    }
    this.alpha = alpha;
    var nominal = new TreeSet<Duration>();
    for (Rule r : this.rules) {
      nominal.add(r.longWindow());
      nominal.add(r.shortWindow());
    }
    this.shown = List.copyOf(nominal);
  }

  public MultiWindowBurnRate() {
    this(PAGE, DEFAULT_ALPHA);
  }

  /** Every window the rules read, scanned ones included, shortest first. */
  public List<Duration> windows() {
    var all = new TreeSet<Duration>();
    for (Rule r : rules) {
      all.addAll(r.longWindows());
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
    for (Duration w : shown) {
      burns.add(burn(w, counts, errorBudget));
    }
    for (Rule r : rules) {
      if (history != null && history.compareTo(r.shortWindow().multipliedBy(2)) < 0) {
        continue;
      }
      WindowBurn sw = burn(r.shortWindow(), counts, errorBudget);
      if (!(sw.burnRate() > r.factor())) {
        continue;
      }
      List<Duration> longs = r.longWindows();
      double level = alpha / longs.size(); // Bonferroni: the rule's level per evaluation stays alpha
      for (Duration w : longs) {
        WindowBurn lw = burn(w, counts, errorBudget);
        if (lw.burnRate() > r.factor() && poissonTail(lw.bad(), r.factor() * errorBudget * lw.requests()) < level) {
          if (!shown.contains(w)) {
            burns.add(lw);
          }
          return new Verdict(burns, r, w);
        }
      }
    }
    return new Verdict(burns, null, null);
  }

  private static WindowBurn burn(Duration w, Map<Duration, Counts> counts, double errorBudget) {
    Counts c = counts.getOrDefault(w, Counts.NONE);
    double rate = c.requests() == 0 ? 0 : (double) c.bad() / c.requests() / errorBudget;
    return new WindowBurn(w, c.requests(), c.bad(), rate);
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
