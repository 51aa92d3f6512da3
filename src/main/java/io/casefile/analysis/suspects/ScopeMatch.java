package io.casefile.analysis.suspects;

/**
 * How the excess relates to the change's scope (its service version, flag, targets): the share of
 * the excess bad events inside the scope, and the share of the traffic the scope covers. A scope
 * that holds the excess but not all traffic implicates the change; one that holds little of the
 * excess clears it; one that covers all traffic says nothing.
 */
public record ScopeMatch(double shareOfExcess, double coverage, String text) {
  public ScopeMatch {
    if (!(shareOfExcess >= 0 && shareOfExcess <= 1) || !(coverage >= 0 && coverage <= 1)) {
      throw new IllegalArgumentException("scope shares must be in [0, 1], got excess share " + shareOfExcess
          + ", coverage " + coverage);
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a scope match needs a text");
    }
  }

  /** In [0, 1]: 0.5 when the scope is uninformative, toward 1 when it concentrates the excess. */
  public double score() {
    if (coverage >= 0.95) {
      return 0.5;
    }
    if (coverage == 0) {
      return 0; // no affected request passed through the change's scope
    }
    // lift of the excess over the traffic, mapped to [0, 1]: share at coverage -> 0.5, all -> 1
    double lift = shareOfExcess - coverage;
    return lift >= 0 ? 0.5 + 0.5 * lift / (1 - coverage) : 0.5 * shareOfExcess / Math.max(coverage, 1e-9);
  }
}
