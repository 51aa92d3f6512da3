package io.casefile.analysis.suspects;

/** Where a change's service (or dependency) sits relative to the error path found in traces. */
public enum PathMatch {
  /** The change's service or dependency is where the errors (or the latency) originate. */
  ORIGIN(1.0),
  /** On the path of the failing requests, but errors originate further down. */
  ON_PATH(0.35),
  /** Not on the path of the failing requests. */
  OFF_PATH(0.0),
  /** No trace evidence either way (no traces, or a change without a service). */
  UNKNOWN(0.3);

  private final double score;

  PathMatch(double score) {
    this.score = score;
  }

  public double score() {
    return score;
  }
}
