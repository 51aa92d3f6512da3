package io.casefile.analysis.localize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A likelihood-ratio scan over attribute combinations with forward selection. Under the ripple
 * model (an anomaly scales every leaf of its element by one factor) the log-likelihood gain of
 * element e with observed total O and expected total E is {@code G = O·ln(O/E) − (O − E)} (the
 * Poisson scan statistic of Kulldorff, over categorical cohorts instead of regions). G prefers the
 * element that holds the excess with the highest lift: a parent diluted by normal children scores
 * below the child, and a child that leaves anomalous siblings behind scores below the parent.
 *
 * <p>The element with the largest G is a root cause when its deviation is significant under the
 * noise model of {@link Excess} with a Bonferroni correction over all candidate elements; its
 * leaves are then set aside and the search repeats. A further cause must also add at least
 * {@link Parameters#minGainShare} of the first cause's gain (forward selection stops when the
 * improvement is negligible). With no significant element the answer is empty.
 */
final class ScanLocalizer implements Localizer {

  record Parameters(int maxLayer, double alpha, double minGainShare, int maxCauses) {
    static final Parameters DEFAULTS = new Parameters(3, 0.001, 0.01, 10);

    Parameters {
      if (maxLayer < 1 || maxCauses < 1) {
        throw new IllegalArgumentException("maxLayer and maxCauses must be ≥ 1: " + maxLayer + ", " + maxCauses);
      }
      if (!(alpha > 0 && alpha < 1) || !(minGainShare >= 0 && minGainShare < 1)) {
        throw new IllegalArgumentException("alpha must be in (0,1), minGainShare in [0,1): " + alpha + ", " + minGainShare);
      }
    }
  }

  private final String name;
  private final Parameters parameters;

  ScanLocalizer(String name, Parameters parameters) {
    this.name = name;
    this.parameters = parameters;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Localization localize(LocalizationProblem problem) {
    LeafTable table = LeafTable.of(problem);
    if (table.size == 0) {
      return Localization.none();
    }
    Excess x = Excess.of(table, problem.kpi());
    int dims = table.attributes.size();
    List<Grouping> groupings = new ArrayList<>();
    long candidates = 0;
    for (int layer = 1; layer <= Math.min(dims, parameters.maxLayer); layer++) {
      for (int[] cuboid : LeafTable.cuboids(dims, layer)) {
        Grouping g = Grouping.of(table, cuboid);
        groupings.add(g);
        candidates += g.elements();
      }
    }
    double critical = Robust.criticalZ(parameters.alpha / Math.max(1, candidates));
    boolean[] active = new boolean[table.size];
    Arrays.fill(active, true);
    List<RootCause> causes = new ArrayList<>();
    double firstGain = 0;
    while (causes.size() < parameters.maxCauses) {
      Best best = best(table, x, groupings, active);
      if (best == null) {
        break;
      }
      double z = significance(x, best, active);
      if (Math.abs(z) < critical) {
        break;
      }
      if (causes.isEmpty()) {
        firstGain = best.gain;
      } else if (best.gain < parameters.minGainShare * firstGain) {
        break;
      }
      double p = Math.min(1, candidates * Robust.twoSidedTail(z));
      causes.add(Explanation.rootCause(table, x, best.grouping.cuboid, best.leaf, 1 - p));
      for (int i = 0; i < table.size; i++) {
        if (active[i] && best.grouping.elementOf[i] == best.element) active[i] = false;
      }
    }
    return new Localization(absorbed(causes));
  }

  /**
   * A cause inside a later, coarser cause (same values on fewer attributes) means the anomaly
   * spreads beyond it: the coarser cause takes its place.
   */
  static List<RootCause> absorbed(List<RootCause> causes) {
    List<RootCause> out = new ArrayList<>(causes);
    for (int i = 0; i < out.size(); i++) {
      for (int j = i + 1; j < out.size(); j++) {
        if (out.get(i) != null && out.get(j) != null && contains(out.get(j), out.get(i))) {
          out.set(i, out.get(j));
          out.set(j, null);
        }
      }
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  /** True when every attribute value of outer is also in inner (outer's region contains inner's). */
  static boolean contains(RootCause outer, RootCause inner) {
    return inner.attributes().entrySet().containsAll(outer.attributes().entrySet());
  }

  private record Best(Grouping grouping, int element, int leaf, double gain) {}

  /** The element's deviance residual, against noise estimated from the active leaves outside it. */
  private static double significance(Excess x, Best best, boolean[] active) {
    int n = active.length;
    boolean[] outside = new boolean[n];
    double o = 0;
    double e = 0;
    double e2 = 0;
    for (int i = 0; i < n; i++) {
      if (!active[i]) continue;
      if (best.grouping.elementOf[i] == best.element) {
        o += x.observed[i];
        e += x.expected[i];
        e2 += x.expected[i] * x.expected[i];
      } else {
        outside[i] = true;
      }
    }
    return x.z(o, e, e2, best.gain, x.relativeNoise(outside));
  }

  private static Best best(LeafTable table, Excess x, List<Grouping> groupings, boolean[] active) {
    Best best = null;
    int n = table.size;
    for (Grouping g : groupings) {
      int m = g.elements();
      double[] o = new double[m];
      double[] e = new double[m];
      for (int i = 0; i < n; i++) {
        if (!active[i]) continue;
        int k = g.elementOf[i];
        o[k] += x.observed[i];
        e[k] += x.expected[i];
      }
      for (int k = 0; k < m; k++) {
        double gain = gain(o[k], e[k]);
        if (!(gain > 0)) continue;
        // strictly greater: on ties the earlier (coarser) cuboid and element win
        if (best == null || gain > best.gain) {
          best = new Best(g, k, g.representative[k], gain);
        }
      }
    }
    return best;
  }

  /** Poisson log-likelihood ratio of rate O/E against rate 1; finite for E = 0 via a tiny floor. */
  static double gain(double observed, double expected) {
    if (observed < 0 || expected < 0) {
      return 0;
    }
    double e = Math.max(expected, 1e-9);
    if (observed == 0) {
      return e;
    }
    return observed * Math.log(observed / e) - (observed - e);
  }
}
