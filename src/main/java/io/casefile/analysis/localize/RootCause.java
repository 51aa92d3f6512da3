package io.casefile.analysis.localize;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One anomalous attribute combination ({@code region=eu-west ∧ service.version=2.31.0}).
 *
 * @param attributes the combination, by attribute name
 * @param score the method's confidence in [0, 1] (scan: one minus the Bonferroni-adjusted p-value;
 *     RiskLoc: its risk score)
 * @param explainedShare the share of the total deviation (real − predicted over all leaves) that
 *     this combination holds; negative when it moved against the total
 * @param real the combination's observed total (for ratio KPIs: the numerator)
 * @param predicted the combination's predicted total (for ratio KPIs: the numerator expected at the
 *     observed denominators, from each leaf's baseline ratio)
 */
public record RootCause(
    SortedMap<String, String> attributes,
    double score,
    double explainedShare,
    double real,
    double predicted) {

  public RootCause {
    if (attributes == null || attributes.isEmpty()) {
      throw new IllegalArgumentException("a root cause needs at least one attribute");
    }
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("root cause score is not finite: " + score);
    }
    if (!Double.isFinite(explainedShare)) {
      throw new IllegalArgumentException("explained share is not finite: " + explainedShare);
    }
  }

  /** True when the combination is above its prediction (excess errors), false for a drop. */
  public boolean isIncrease() {
    return real > predicted;
  }

  /** The Squeeze/RiskLoc label form: {@code a=1&b=2}, attributes sorted by name. */
  public String label() {
    return attributes.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  @Override
  public String toString() {
    return label();
  }
}
