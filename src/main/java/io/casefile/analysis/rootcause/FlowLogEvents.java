package io.casefile.analysis.rootcause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nezha's event patterns, per flow and service operation: what an operation logs in the requests of
 * one flow that ran it, compared with what it logged in the same flow's requests in the baseline.
 * Counting per request that ran the operation, not per minute, keeps a change of the traffic mix (a
 * busier flow) or of the path (a caller that stopped calling) from looking like a change in the
 * operation's own behaviour. Two changes are evidence against the service:
 * <ul>
 *   <li>a warning or error template that a larger share of those requests hold (the failure, where
 *       it is logged);</li>
 *   <li>a template below warning that a smaller share hold (a step the operation no longer
 *       reaches: an exception thrown before its success line, even where nothing logs the
 *       exception, or a wrong answer that ends the work early).</li>
 * </ul>
 * The opposite moves (errors that stopped, success lines that appeared) are a recovery or another
 * workload, not a fault. A move counts when the two-proportion z of the shares is at least
 * {@link EvidenceFinder#SIGNIFICANT} in the fault's direction and at least {@link #MIN_MOVED}
 * requests moved; with both windows' sizes in the z, a baseline of a few requests does not make a
 * handful of new errors look certain. The strength is the change of the share on a log scale,
 * {@code |ln((incident share + 0.05) / (baseline share + 0.05))|}, a warning's counting
 * {@link EvidenceFinder#WARNING_WEIGHT} as in {@link EvidenceFinder#logs()}; a service keeps its
 * strongest move. The sum of the squared z of the moves in a fault's direction is a scan statistic
 * for where the requests changed ({@link #change()}).
 */
final class FlowLogEvents {
  /** An operation needs this many requests of the flow in the baseline before its shares count. */
  static final long MIN_BASELINE_TRACES = 2;
  static final double MIN_MOVED = 2;
  static final double SHARE_FLOOR = 0.05;

  private final RootCauseInput in;

  FlowLogEvents(RootCauseInput in) {
    this.in = in;
  }

  /**
   * The sum of the squared z of every move in a fault's direction, significant or not: a scan
   * statistic that changes smoothly with the split, where counting only significant moves would
   * jump as single templates cross the threshold (and favour a late split that leaves the fault's
   * first requests in the baseline, when its effect grows over time).
   */
  double change() {
    double sum = 0;
    for (FlowLog f : in.flowLogs()) {
      double z = Math.max(0, rawZ(f));
      sum += z * z;
    }
    return sum;
  }

  List<CauseEvidence> evidence() {
    Map<String, CauseEvidence> best = new TreeMap<>();
    for (FlowLog f : in.flowLogs()) {
      double z = faultZ(f);
      if (z == 0) {
        continue;
      }
      double share = (double) f.incident() / f.incidentTraces();
      double baseShare = (double) f.baseline() / f.baselineTraces();
      double effect = Math.abs(Math.log((share + SHARE_FLOOR) / (baseShare + SHARE_FLOOR)));
      boolean error = f.severity() >= LogRate.ERROR;
      if (f.severity() >= LogRate.WARNING && !error) {
        effect *= EvidenceFinder.WARNING_WEIGHT;
      }
      String level = error ? "error" : f.severity() >= LogRate.WARNING ? "warning" : "template";
      double expected = f.incidentTraces() * baseShare;
      CauseEvidence e = new CauseEvidence(f.service(), CauseKind.LOGS, effect, f.operation(), null,
          String.format(Locale.ROOT, "%s \"%s\" of %s %s is in %d of the %d requests of %s that ran it, where the baseline's %d of %d predict %.1f (z = %.1f)",
              level, EvidenceFinder.abbreviate(f.template()), f.service(), f.operation(), f.incident(), f.incidentTraces(),
              f.flow(), f.baseline(), f.baselineTraces(), expected, z),
          Map.of("requests", (double) f.incident(), "requests_ran", (double) f.incidentTraces(),
              "baseline_requests", (double) f.baseline(), "baseline_requests_ran", (double) f.baselineTraces(),
              "expected", expected, "z", z));
      best.merge(f.service(), e, (a, b) -> a.strength() >= b.strength() ? a : b);
    }
    return new ArrayList<>(best.values());
  }

  /**
   * The z of a significant move in a fault's direction by at least {@link #MIN_MOVED} requests; 0
   * otherwise.
   */
  private static double faultZ(FlowLog f) {
    double z = rawZ(f);
    if (z < EvidenceFinder.SIGNIFICANT) {
      return 0;
    }
    double moved = Math.abs((double) f.incident() / f.incidentTraces() - (double) f.baseline() / f.baselineTraces())
        * f.incidentTraces();
    return moved >= MIN_MOVED ? z : 0;
  }

  /** The two-proportion z of the shares, signed so that a fault's direction is positive; 0 when not comparable. */
  private static double rawZ(FlowLog f) {
    if (f.baselineTraces() < MIN_BASELINE_TRACES || f.incidentTraces() == 0) {
      return 0;
    }
    double share = (double) f.incident() / f.incidentTraces();
    double baseShare = (double) f.baseline() / f.baselineTraces();
    double pooled = (double) (f.baseline() + f.incident()) / (f.baselineTraces() + f.incidentTraces());
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / f.baselineTraces() + 1.0 / f.incidentTraces()));
    double sign = f.severity() >= LogRate.WARNING ? 1 : -1;
    return se == 0 ? 0 : sign * (share - baseShare) / se;
  }
}
