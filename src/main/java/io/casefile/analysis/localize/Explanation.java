package io.casefile.analysis.localize;

/**
 * Builds the {@link RootCause} of an element: its observed and expected totals (for ratio KPIs, the
 * numerator and the numerator expected at the observed denominators, see {@link Excess}) and the
 * share of the total excess it holds.
 */
final class Explanation {
  private Explanation() {}

  static RootCause rootCause(LeafTable t, Excess x, int[] cuboid, int leaf, double score) {
    double real = 0;
    double expected = 0;
    double totalReal = 0;
    double totalExpected = 0;
    for (int i = 0; i < t.size; i++) {
      totalReal += x.observed[i];
      totalExpected += x.expected[i];
      if (t.sameElement(i, leaf, cuboid)) {
        real += x.observed[i];
        expected += x.expected[i];
      }
    }
    double total = totalReal - totalExpected;
    double share = total == 0 ? 0 : (real - expected) / total;
    return new RootCause(t.describe(cuboid, leaf), Math.max(0, Math.min(1, score)), share, real, expected);
  }
}
