package io.casefile.analysis.signature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the signature values that are new or increased. A value's expected incident count is its
 * baseline count scaled by the traffic ratio (incident requests / baseline requests). New: absent
 * from the baseline and seen at least {@code minCount} times. Increased: at least
 * {@code minRatio}× expected and three Poisson standard deviations above it. Largest excess first,
 * ties by kind then value.
 */
public final class SignatureAnalyser {
  private final long minCount;
  private final double minRatio;

  public SignatureAnalyser(long minCount, double minRatio) {
    if (minCount < 1 || !(minRatio >= 1)) {
      throw new IllegalArgumentException("minimum count must be >= 1 and ratio >= 1, got " + minCount + ", " + minRatio);
    }
    this.minCount = minCount;
    this.minRatio = minRatio;
  }

  public SignatureAnalyser() {
    this(3, 2);
  }

  /**
   * @param baselineRequests requests of the flow in the baseline window
   * @param requests requests of the flow in the incident window
   */
  public List<SignatureShift> analyse(List<SignatureCount> counts, long baselineRequests, long requests) {
    if (baselineRequests < 0 || requests < 0) {
      throw new IllegalArgumentException("request counts must be >= 0, got " + baselineRequests + ", " + requests);
    }
    double scale = baselineRequests == 0 ? 0 : (double) requests / baselineRequests;
    List<SignatureShift> out = new ArrayList<>();
    for (SignatureCount c : counts) {
      double expected = c.baselineCount() * scale;
      boolean isNew = c.baselineCount() == 0;
      boolean keep = isNew
          ? c.count() >= minCount
          : c.count() >= minCount && c.count() >= minRatio * expected
              && c.count() - expected >= 3 * Math.sqrt(Math.max(expected, 1));
      if (keep) {
        out.add(new SignatureShift(c, expected, isNew));
      }
    }
    out.sort(Comparator.comparingDouble(SignatureShift::excess).reversed()
        .thenComparing(s -> s.count().kind())
        .thenComparing(s -> s.count().value()));
    return List.copyOf(out);
  }
}
