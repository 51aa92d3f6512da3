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
 * after the burn stops. Pure: counts in, verdict out.
 *
 * <p>A window reaching back before the first stored request measures the data available, so with
 * one hour of history the 6-hour burn rate is the burn rate of that hour. The long window must also
 * exceed its threshold significantly: the bad count minus {@code z} Poisson standard deviations
 * ({@code bad − z·√bad}, the lower bound of the observed count) must still be above
 * {@code factor × budget × requests}; this also needs more than z² bad requests. On a thin flow a
 * handful of failures would otherwise read as a huge burn rate (the workbook's low-traffic caveat),
 * and a flow that normally runs just under a threshold would page on noise.
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

  /** The workbook's two paging rules. */
  public static final List<Rule> PAGE = List.of(
      new Rule(Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
      new Rule(Duration.ofHours(6), Duration.ofMinutes(30), 6));
  /** Two standard deviations: about 97.7% one-sided confidence that the long window burns too fast. */
  public static final double DEFAULT_Z = 2;

  private final List<Rule> rules;
  private final double z;

  public MultiWindowBurnRate(List<Rule> rules, double z) {
    this.rules = List.copyOf(rules);
    if (this.rules.isEmpty()) {
      throw new IllegalArgumentException("at least one burn-rate rule is needed");
    }
    if (!(z >= 0) || Double.isInfinite(z)) {
      throw new IllegalArgumentException("significance z must be >= 0, got " + z);
    }
    this.z = z;
  }

  public MultiWindowBurnRate() {
    this(PAGE, DEFAULT_Z);
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
      WindowBurn lw = none.window(r.longWindow());
      WindowBurn sw = none.window(r.shortWindow());
      boolean significant = lw.bad() - z * Math.sqrt(lw.bad()) > r.factor() * errorBudget * lw.requests();
      if (significant && lw.burnRate() > r.factor() && sw.burnRate() > r.factor()) {
        return new Verdict(burns, r);
      }
    }
    return none;
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
