package io.casefile.analysis.localize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RiskLoc (Kalander, "RiskLoc: Localization of Multi-dimensional Root Causes by Weighted Risk",
 * 2022). Leaves are split by a deviation-score cutoff into a normal and an abnormal partition and
 * weighted by their distance from the cutoff; cuboids are searched layer by layer, and in each
 * cuboid the element with the highest explanatory power whose risk score (high risk: weighted share
 * of abnormal leaves; minus low risk: how well a uniform ripple explains its leaves) reaches the
 * threshold is a candidate. The best candidate of the first layer that has one is a root cause; its
 * leaves are removed and the search repeats while enough explanatory power remains.
 */
final class RiskLocLocalizer implements Localizer {

  /** The method's parameters, with the published defaults in {@link #DEFAULTS}. */
  record Parameters(double riskThreshold, double pepThreshold, int removedExtremes, boolean pruning, int maxLayer) {
    static final Parameters DEFAULTS = new Parameters(0.5, 0.02, 5, true, Integer.MAX_VALUE);

    Parameters {
      if (!(riskThreshold > 0 && riskThreshold <= 1)) {
        throw new IllegalArgumentException("risk threshold must be in (0, 1]: " + riskThreshold);
      }
      if (!(pepThreshold >= 0 && pepThreshold < 1)) {
        throw new IllegalArgumentException("EP threshold must be in [0, 1): " + pepThreshold);
      }
      if (removedExtremes < 0 || maxLayer < 1) {
        throw new IllegalArgumentException("bad RiskLoc parameters: " + removedExtremes + ", " + maxLayer);
      }
    }
  }

  private final String name;
  private final Parameters parameters;

  RiskLocLocalizer(String name, Parameters parameters) {
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
    Scores s = Scores.of(table, problem.kpi());
    List<Found> found = search(table, s);
    Excess x = Excess.of(table, problem.kpi());
    List<RootCause> causes = new ArrayList<>();
    for (Found f : found) {
      causes.add(Explanation.rootCause(table, x, f.cuboid, f.leaf, f.risk));
    }
    return new Localization(causes);
  }

  record Found(int[] cuboid, int leaf, double risk, double ep) {}

  List<Found> search(LeafTable table, Scores s) {
    int n = table.size;
    double cutoff = cutoff(s.deviation, parameters.removedExtremes);
    boolean anomalyRight = Math.copySign(1.0, cutoff) > 0;
    boolean[] abnormal = new boolean[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      double d = s.deviation[i];
      abnormal[i] = anomalyRight ? d > cutoff : d < cutoff;
      double w = abnormal[i] ? Math.abs(d) : Math.abs(cutoff - d);
      if (!abnormal[i] && s.value[i] == 0 && s.forecast[i] == 0) {
        w = 0;
      }
      weight[i] = Math.min(w, 1.0);
    }
    double[] ep = s.ep.clone();
    double abnormalEp = 0;
    for (int i = 0; i < n; i++) {
      if (abnormal[i]) abnormalEp += ep[i];
    }
    if (abnormalEp < 0) {
      for (int i = 0; i < n; i++) ep[i] = -ep[i];
      abnormalEp = -abnormalEp;
    }
    double threshold = abnormalEp * parameters.pepThreshold;
    Search search = new Search(table, s, abnormal, weight, ep, threshold);
    List<Found> out = new ArrayList<>();
    while (true) {
      double remaining = 0;
      for (int i = 0; i < n; i++) {
        if (search.active[i] && abnormal[i]) remaining += ep[i];
      }
      if (remaining < threshold || !(remaining > 0)) {
        break;
      }
      Found f = search.next();
      if (f == null) {
        break;
      }
      out.add(f);
      for (int i = 0; i < n; i++) {
        if (table.sameElement(i, f.leaf, f.cuboid)) search.active[i] = false;
      }
    }
    return out;
  }

  /**
   * The deviation cutoff: the (k+1)-th most extreme distinct deviation on each side is a noise
   * estimate; the side with the smaller one is normal, and its mirror image is the cutoff.
   */
  static double cutoff(double[] deviation, int removed) {
    double[] distinct = Arrays.stream(deviation).distinct().sorted().toArray();
    if (distinct.length == 0) {
      return 0;
    }
    int k = Math.min(removed, distinct.length - 1);
    double low = distinct[k];
    double high = distinct[distinct.length - 1 - k];
    return Math.abs(high) < Math.abs(low) ? -high : -low;
  }

  /** One multi-round search over the cuboids, keeping the pruned first-layer elements. */
  private final class Search {
    final LeafTable table;
    final Scores s;
    final boolean[] abnormal;
    final double[] weight;
    final double[] ep;
    final double threshold;
    final boolean[] active;
    /** pruned[attribute][code]: first-layer elements without explanatory power. */
    final boolean[][] pruned;
    final int layers;

    Search(LeafTable table, Scores s, boolean[] abnormal, double[] weight, double[] ep, double threshold) {
      this.table = table;
      this.s = s;
      this.abnormal = abnormal;
      this.weight = weight;
      this.ep = ep;
      this.threshold = threshold;
      this.active = new boolean[table.size];
      Arrays.fill(active, true);
      int dims = table.attributes.size();
      this.pruned = new boolean[dims][];
      for (int a = 0; a < dims; a++) pruned[a] = new boolean[table.cardinality(a)];
      this.layers = Math.min(dims, parameters.maxLayer);
    }

    Found next() {
      int n = table.size;
      for (int layer = 1; layer <= layers; layer++) {
        Found best = null;
        double bestEp = threshold;
        for (int[] cuboid : LeafTable.cuboids(table.attributes.size(), layer)) {
          Grouping g = Grouping.of(table, cuboid);
          boolean[] use = new boolean[n];
          for (int i = 0; i < n; i++) {
            use[i] = active[i] && (!parameters.pruning || !isPruned(i, cuboid));
          }
          int m = g.elements();
          double[] eEp = new double[m];
          double[] eEpPositive = new double[m];
          int[] eAbnormal = new int[m];
          boolean[] present = new boolean[m];
          for (int i = 0; i < n; i++) {
            if (!use[i]) continue;
            int e = g.elementOf[i];
            present[e] = true;
            eEp[e] += ep[i];
            eEpPositive[e] += Math.max(ep[i], 0);
            if (abnormal[i]) eAbnormal[e]++;
          }
          if (parameters.pruning && layer == 1) {
            for (int e = 0; e < m; e++) {
              if (present[e] && (eEpPositive[e] < threshold || eAbnormal[e] == 0)) {
                pruned[cuboid[0]][table.codes[cuboid[0]][g.representative[e]]] = true;
              }
            }
          }
          List<Integer> candidates = new ArrayList<>();
          for (int e = 0; e < m; e++) {
            if (present[e] && eAbnormal[e] > 0 && eEp[e] > bestEp) candidates.add(e);
          }
          candidates.sort((x, y) -> {
            int c = Double.compare(eEp[y], eEp[x]);
            return c != 0 ? c : Integer.compare(x, y);
          });
          for (int e : candidates) {
            double risk = risk(g, e, use);
            if (risk >= parameters.riskThreshold) {
              best = new Found(cuboid, g.representative[e], risk, eEp[e]);
              bestEp = eEp[e];
              break;
            }
          }
        }
        if (best != null) {
          return best;
        }
      }
      return null;
    }

    private boolean isPruned(int i, int[] cuboid) {
      for (int a : cuboid) {
        if (pruned[a][table.codes[a][i]]) return true;
      }
      return false;
    }

    /** High risk minus low risk over the element's leaves in use. */
    private double risk(Grouping g, int element, boolean[] use) {
      double anomalous = 0;
      double normal = 1;
      double sumValue = 0;
      double sumForecast = 0;
      int n = table.size;
      for (int i = 0; i < n; i++) {
        if (!use[i] || g.elementOf[i] != element) continue;
        if (abnormal[i]) anomalous += weight[i];
        else normal += weight[i];
        if (s.value[i] != 0 && s.forecast[i] != 0) {
          sumValue += s.value[i];
          sumForecast += s.forecast[i];
        }
      }
      double high = anomalous / (anomalous + normal);
      double ripple = 0;
      double own = 0;
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (!use[i] || g.elementOf[i] != element) continue;
        if (s.value[i] == 0 || s.forecast[i] == 0) continue;
        double expected = s.forecast[i] * sumValue / sumForecast;
        double sum = expected + s.value[i];
        ripple += sum == 0 ? 0 : Math.abs(2 * (expected - s.value[i]) / sum);
        own += Math.abs(s.deviation[i]);
        count++;
      }
      double low = count == 0 || own == 0 ? 0 : (ripple / count) / (own / count);
      return high - low;
    }
  }
}
