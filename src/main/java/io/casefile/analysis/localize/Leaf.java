package io.casefile.analysis.localize;

import java.util.List;

/**
 * One fully specified attribute combination. For {@link Kpi#ADDITIVE} problems {@code real} is the
 * observed and {@code predicted} the expected value; for {@link Kpi#RATIO} problems they are the
 * numerators, and the denominators give the ratio {@code real / realDenominator}.
 */
public record Leaf(
    List<String> values,
    double real,
    double predicted,
    double realDenominator,
    double predictedDenominator) {

  public Leaf {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("leaf values are required");
    }
    for (String v : values) {
      if (v == null) {
        throw new IllegalArgumentException("leaf value is null in " + values);
      }
    }
    values = List.copyOf(values);
    requireFinite("real", real, values);
    requireFinite("predicted", predicted, values);
    requireFinite("realDenominator", realDenominator, values);
    requireFinite("predictedDenominator", predictedDenominator, values);
  }

  /** A leaf of an additive KPI. */
  public Leaf(List<String> values, double real, double predicted) {
    this(values, real, predicted, 0, 0);
  }

  private static void requireFinite(String name, double v, List<String> values) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("leaf " + values + " has a non-finite " + name + ": " + v);
    }
  }
}
