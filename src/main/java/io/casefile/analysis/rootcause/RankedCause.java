package io.casefile.analysis.rootcause;

import java.util.List;

/**
 * A service with its combined score (in [0, 1], relative to the strongest candidate) and its
 * evidence, strongest first; the first one names the cause's kind, operation and instance.
 */
public record RankedCause(String service, double score, List<CauseEvidence> evidence) {
  public RankedCause {
    if (evidence == null || evidence.isEmpty()) {
      throw new IllegalArgumentException("a ranked cause needs evidence: " + service);
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
    evidence = List.copyOf(evidence);
  }

  public CauseEvidence strongest() {
    return evidence.get(0);
  }
}
