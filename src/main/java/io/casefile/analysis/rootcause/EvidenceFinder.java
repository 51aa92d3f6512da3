package io.casefile.analysis.rootcause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the two windows' aggregates into evidence, one kind at a time. A move is evidence when it
 * is significant (a z or t statistic of at least {@link #SIGNIFICANT}) and material; its strength is
 * the effect size: the change of {@code ln(1 + ms)} for times, of {@code ln(1 + count)} for counts,
 * and {@code ln(1 + z)} of the robust z-score (median and IQR, as BARO) for gauges.
 */
final class EvidenceFinder {
  static final double SIGNIFICANT = 3;
  /** At least this many values per window before a mean is compared. */
  static final int MIN_N = 5;
  /** Variance floor on the log scale (a 10% spread) so a constant window is not infinitely certain. */
  static final double VARIANCE_FLOOR = 0.01;
  /** A time must grow by at least this factor (on ln(1 + ms)) to matter. */
  static final double MIN_LOG_SHIFT = Math.log(1.2);
  static final double MAX_Z = 1000;
  static final double MIX_SIGNIFICANT = 4;
  static final long MIX_MIN_RECORDS = 20;
  /**
   * A gauge's scale is at least this share of its baseline median: a near-constant baseline
   * (an idle pod's latency, a pinned memory figure) must move materially to count.
   */
  static final double RELATIVE_SCALE_FLOOR = 0.25;

  static final double TAIL_TO_IQR = 2.44;
  /**
   * The share of its effect a warning template keeps: a warning records a condition the service
   * handled (a business rule, a retry), an error one it could not, so a new warning is weaker
   * evidence of a fault than a new error of the same rate.
   */
  static final double WARNING_WEIGHT = 0.5;

  private final RootCauseInput in;
  private final double rate;

  EvidenceFinder(RootCauseInput in) {
    this.in = in;
    this.rate = in.incidentSeconds() / in.baselineSeconds();
  }

  /** Own time that grew: the service itself got slower. */
  List<CauseEvidence> ownTime() {
    List<CauseEvidence> out = new ArrayList<>();
    for (OwnTime o : in.ownTimes()) {
      double t = o.incident().t(o.baseline(), MIN_N, VARIANCE_FLOOR);
      double shift = o.incident().mean() - o.baseline().mean();
      if (t >= SIGNIFICANT && shift >= MIN_LOG_SHIFT) {
        out.add(new CauseEvidence(o.service(), CauseKind.LATENCY, shift, o.operation(), null,
            String.format(Locale.ROOT, "own time of %s %s grew %.1fx (geometric mean of 1 ms + own time, %d spans; baseline %d; t = %.1f)",
                o.service(), o.operation(), Math.exp(shift), o.incident().n(), o.baseline().n(), t),
            Map.of("shift_ln", shift, "t", t, "spans", (double) o.incident().n(), "baseline_spans", (double) o.baseline().n())));
      }
    }
    return out;
  }

  /**
   * Gaps that grew on calls into or out of a service, explained greedily: the service whose moved
   * edges weigh most (their summed shift times the share of its edges that moved) takes them
   * first, and an edge it explains no longer counts for its other end. So the common end of the
   * slowed calls stands out, and a caller or callee with one slowed edge among many does not; the
   * strength is the summed shift of the edges a service explains over all its edges.
   */
  List<CauseEvidence> callGaps() {
    Map<String, List<Integer>> edgesOf = new HashMap<>();
    List<CallGap> edges = new ArrayList<>();
    List<Double> shift = new ArrayList<>();
    for (CallGap c : in.calls()) {
      if (c.incident().n() < MIN_N || c.baseline().n() < MIN_N) {
        continue;
      }
      double t = c.incident().t(c.baseline(), MIN_N, VARIANCE_FLOOR);
      double d = c.incident().mean() - c.baseline().mean();
      int i = edges.size();
      edges.add(c);
      shift.add(t >= SIGNIFICANT && d >= MIN_LOG_SHIFT ? d : 0);
      edgesOf.computeIfAbsent(c.caller(), k -> new ArrayList<>()).add(i);
      edgesOf.computeIfAbsent(c.callee(), k -> new ArrayList<>()).add(i);
    }
    boolean[] explained = new boolean[edges.size()];
    List<CauseEvidence> out = new ArrayList<>();
    while (true) {
      String best = null;
      double bestGain = 0;
      for (var e : new java.util.TreeMap<>(edgesOf).entrySet()) {
        double sum = 0;
        int moved = 0;
        for (int i : e.getValue()) {
          if (!explained[i] && shift.get(i) > 0) {
            sum += shift.get(i);
            moved++;
          }
        }
        double gain = sum * moved / e.getValue().size();
        if (gain > bestGain) {
          bestGain = gain;
          best = e.getKey();
        }
      }
      if (best == null) {
        return out;
      }
      List<Integer> mine = edgesOf.get(best);
      double sum = 0;
      int moved = 0;
      CallGap worst = null;
      double worstShift = 0;
      for (int i : mine) {
        if (!explained[i] && shift.get(i) > 0) {
          explained[i] = true;
          sum += shift.get(i);
          moved++;
          if (shift.get(i) > worstShift) {
            worstShift = shift.get(i);
            worst = edges.get(i);
          }
        }
      }
      double strength = sum / mine.size();
      out.add(new CauseEvidence(best, CauseKind.LATENCY, strength, null, null,
          String.format(Locale.ROOT, "%d of its %d call edges wait longer beyond the callee's own time (mean %.1fx over its edges); worst %s -> %s %.1fx",
              moved, mine.size(), Math.exp(strength), worst.caller(), worst.callee(), Math.exp(worstShift)),
          Map.of("mean_shift_ln", strength, "edges", (double) mine.size(), "moved_edges", (double) moved)));
    }
  }

  /** Calls a service stopped making: fewer calls to a callee than its own traffic predicts. */
  List<CauseEvidence> droppedCalls() {
    Map<String, long[]> inbound = new HashMap<>();
    for (CallGap c : in.calls()) {
      long[] a = inbound.computeIfAbsent(c.callee(), k -> new long[2]);
      a[0] += c.baseline().n();
      a[1] += c.incident().n();
    }
    List<CauseEvidence> out = new ArrayList<>();
    for (CallGap c : in.calls()) {
      long[] own = inbound.get(c.caller());
      double scale = own == null || own[0] == 0 ? rate : (double) own[1] / own[0];
      double expected = c.baseline().n() * scale;
      double observed = c.incident().n();
      double z = (expected - observed) / Math.sqrt(expected + 1);
      double effect = Math.log((expected + 1) / (observed + 1));
      if (z >= SIGNIFICANT && effect >= Math.log(2)) {
        out.add(new CauseEvidence(c.caller(), CauseKind.TRAFFIC, effect, null, null,
            String.format(Locale.ROOT, "%s made %d calls to %s where its traffic predicts %.0f (z = %.1f)",
                c.caller(), c.incident().n(), c.callee(), expected, z),
            Map.of("calls", observed, "expected", expected, "z", z)));
      }
    }
    return out;
  }

  /**
   * Warning and error log templates that are new or rising; a warning's effect counts
   * {@link #WARNING_WEIGHT} of an error's.
   */
  List<CauseEvidence> logs() {
    List<CauseEvidence> out = new ArrayList<>();
    for (LogRate l : in.logs()) {
      if (l.severity() < LogRate.WARNING) {
        continue;
      }
      double expected = l.baseline() * rate;
      double z = (l.incident() - expected) / Math.sqrt(expected + 1);
      double effect = Math.log((l.incident() + 1) / (expected + 1));
      if (z >= SIGNIFICANT && effect >= Math.log(2)) {
        boolean error = l.severity() >= LogRate.ERROR;
        out.add(new CauseEvidence(l.service(), CauseKind.LOGS, error ? effect : effect * WARNING_WEIGHT, null, null,
            String.format(Locale.ROOT, "%s template \"%s\": %d since onset, %.1f expected from %d in the baseline (z = %.1f)",
                error ? "error" : "warning", abbreviate(l.template()), l.incident(), expected, l.baseline(), z),
            Map.of("count", (double) l.incident(), "baseline_count", (double) l.baseline(), "expected", expected, "z", z)));
      }
    }
    return out;
  }

  /**
   * Log templates of any level whose share of a service's records changed: a message that stopped
   * (a success line no longer reached) or one that took over (Nezha's log events). Two-proportion
   * z of at least {@link #MIX_SIGNIFICANT}, a share at least doubled or halved, and at least
   * {@link #MIX_MIN_RECORDS} records of the service in each window.
   */
  List<CauseEvidence> templateMix() {
    Map<String, long[]> totals = new HashMap<>();
    for (LogRate l : in.logs()) {
      long[] t = totals.computeIfAbsent(l.service(), k -> new long[2]);
      t[0] += l.baseline();
      t[1] += l.incident();
    }
    Map<String, CauseEvidence> best = new HashMap<>();
    for (LogRate l : in.logs()) {
      long[] t = totals.get(l.service());
      if (t[0] < MIX_MIN_RECORDS || t[1] < MIX_MIN_RECORDS) {
        continue;
      }
      double pb = (double) l.baseline() / t[0];
      double pi = (double) l.incident() / t[1];
      double p = (double) (l.baseline() + l.incident()) / (t[0] + t[1]);
      double se = Math.sqrt(Math.max(p * (1 - p), 1e-9) * (1.0 / t[0] + 1.0 / t[1]));
      double z = Math.abs(pi - pb) / se;
      double effect = Math.abs(Math.log((pi + 0.01) / (pb + 0.01)));
      if (z >= MIX_SIGNIFICANT && effect >= Math.log(2)) {
        CauseEvidence e = new CauseEvidence(l.service(), CauseKind.LOGS, effect, null, null,
            String.format(Locale.ROOT, "template \"%s\" went from %.1f%% to %.1f%% of %s's log records (%d of %d, baseline %d of %d; z = %.1f)",
                abbreviate(l.template()), 100 * pb, 100 * pi, l.service(), l.incident(), t[1], l.baseline(), t[0], z),
            Map.of("share", pi, "baseline_share", pb, "z", z));
        best.merge(l.service(), e, (a, b) -> a.strength() >= b.strength() ? a : b);
      }
    }
    return new ArrayList<>(new java.util.TreeMap<>(best).values());
  }

  /** Gauges that left their baseline: robust z (BARO) of the median incident value. */
  List<CauseEvidence> metrics() {
    List<MetricWindow> moved = new ArrayList<>();
    List<double[]> stats = new ArrayList<>();
    Map<String, java.util.Set<String>> servicesByName = new HashMap<>();
    for (MetricWindow m : in.metrics()) {
      if (m.baseline().length < MIN_N || m.incident().length == 0) {
        continue;
      }
      double[] b = m.baseline().clone();
      Arrays.sort(b);
      double median = median(b);
      double iqr = quantile(b, 0.75) - quantile(b, 0.25);
      double tail = (quantile(b, 0.95) - quantile(b, 0.05)) / TAIL_TO_IQR;
      double scale = Math.max(Math.max(iqr, tail), Math.max(RELATIVE_SCALE_FLOOR * Math.abs(median), 1e-9));
      // the typical incident value, not the furthest one: a single scrape's spike is not a shift
      double[] inc = m.incident().clone();
      Arrays.sort(inc);
      double at = median(inc);
      double z = Math.min(MAX_Z, Math.abs(at - median) / scale);
      if (z >= SIGNIFICANT) {
        moved.add(m);
        stats.add(new double[] {at, median, iqr, z});
        servicesByName.computeIfAbsent(m.name(), k -> new java.util.TreeSet<>()).add(m.service());
      }
    }
    List<CauseEvidence> out = new ArrayList<>();
    for (int i = 0; i < moved.size(); i++) {
      MetricWindow m = moved.get(i);
      double at = stats.get(i)[0];
      double median = stats.get(i)[1];
      double iqr = stats.get(i)[2];
      double z = stats.get(i)[3];
      int sharing = servicesByName.get(m.name()).size();
      out.add(new CauseEvidence(m.service(), CauseKind.RESOURCE, Math.log1p(z) / sharing, null, m.instance(),
          String.format(Locale.ROOT, "%s%s %s was typically %s against a baseline median of %s (IQR %s; robust z = %.1f)%s",
              m.service(), m.instance() == null ? "" : " (" + m.instance() + ")", m.name(), num(at), num(median), num(iqr), z,
              sharing > 1 ? "; it moved in " + sharing + " services" : ""),
          Map.of("value", at, "baseline_median", median, "baseline_iqr", iqr, "z", z, "services_moved", (double) sharing)));
    }
    return out;
  }

  static double median(double[] sorted) {
    return quantile(sorted, 0.5);
  }

  /** Linear-interpolated quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static String num(double v) {
    return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
