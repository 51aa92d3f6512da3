package io.casefile.investigation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * "For whom": a conjunction of attribute values with the share of the excess (errors above what
 * the baseline rate predicts) it explains, and its signal value now and in the baseline.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Cohort(
    Map<String, String> attributes,
    double shareOfExcess,
    long requests,
    long errors,
    double rate,
    double baselineRate,
    String evidence) {
  public Cohort {
    Objects.requireNonNull(attributes, "cohort attributes");
    if (attributes.isEmpty()) {
      throw new IllegalArgumentException("a cohort needs at least one attribute");
    }
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  /** {@code a=x ∧ b=y}, attributes in name order. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    attributes.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ∧ ").append(k).append('=').append(v));
    return b.toString();
  }
}
