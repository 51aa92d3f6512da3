package io.casefile.analysis.localize;

import java.util.HashSet;
import java.util.List;

/**
 * Leaves of one KPI broken down by {@code attributes}; each leaf has one value per attribute, in
 * the same order. Leaves need not cover every combination; the order of leaves does not matter.
 */
public record LocalizationProblem(List<String> attributes, List<Leaf> leaves, Kpi kpi) {

  public LocalizationProblem {
    if (attributes == null || attributes.isEmpty()) {
      throw new IllegalArgumentException("at least one attribute is required");
    }
    if (new HashSet<>(attributes).size() != attributes.size()) {
      throw new IllegalArgumentException("attribute names repeat: " + attributes);
    }
    for (String a : attributes) {
      if (a == null || a.isBlank()) {
        throw new IllegalArgumentException("blank attribute name in " + attributes);
      }
    }
    if (attributes.size() > 16) {
      throw new IllegalArgumentException("at most 16 attributes, got " + attributes.size());
    }
    if (leaves == null) {
      throw new IllegalArgumentException("leaves are required");
    }
    if (kpi == null) {
      throw new IllegalArgumentException("kpi is required (ADDITIVE or RATIO)");
    }
    attributes = List.copyOf(attributes);
    leaves = List.copyOf(leaves);
    for (Leaf leaf : leaves) {
      if (leaf.values().size() != attributes.size()) {
        throw new IllegalArgumentException("leaf " + leaf.values() + " has "
            + leaf.values().size() + " values for " + attributes.size() + " attributes " + attributes);
      }
    }
  }

  /** An additive problem. */
  public static LocalizationProblem additive(List<String> attributes, List<Leaf> leaves) {
    return new LocalizationProblem(attributes, leaves, Kpi.ADDITIVE);
  }
}
