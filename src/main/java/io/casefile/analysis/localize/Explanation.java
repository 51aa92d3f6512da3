package io.casefile.analysis.localize;

/** Builds the {@link RootCause} of an element: its totals and the share of the change it explains. */
final class Explanation {
  private Explanation() {}

  static RootCause rootCause(LeafTable t, Kpi kpi, int[] cuboid, int leaf, double score) {
    double real = 0;
    double predicted = 0;
    double realDen = 0;
    double predictedDen = 0;
    double totalReal = 0;
    double totalPredicted = 0;
    double totalRealDen = 0;
    double totalPredictedDen = 0;
    for (int i = 0; i < t.size; i++) {
      totalReal += t.real[i];
      totalPredicted += t.predicted[i];
      totalRealDen += t.realDenominator[i];
      totalPredictedDen += t.predictedDenominator[i];
      if (t.sameElement(i, leaf, cuboid)) {
        real += t.real[i];
        predicted += t.predicted[i];
        realDen += t.realDenominator[i];
        predictedDen += t.predictedDenominator[i];
      }
    }
    double share;
    if (kpi == Kpi.ADDITIVE) {
      double total = totalReal - totalPredicted;
      share = total == 0 ? 0 : (real - predicted) / total;
    } else {
      // Change of the overall ratio if only this element had changed, over the actual change.
      double before = Scores.ratio(totalPredicted, totalPredictedDen);
      double after = Scores.ratio(totalReal, totalRealDen);
      double onlyThis = Scores.ratio(totalPredicted - predicted + real,
          totalPredictedDen - predictedDen + realDen);
      share = after == before ? 0 : (onlyThis - before) / (after - before);
    }
    return new RootCause(t.describe(cuboid, leaf), score, share, real, predicted);
  }
}
