package io.casefile.analysis.severity;

import io.casefile.model.Severity;

/**
 * Measures severity. Affected requests are the bad events since onset (failed requests; for a
 * latency signal, requests slower than the baseline's quantile beyond the share the quantile
 * allows). The bad-event ratio over the incident window divided by the error budget
 * (1 − objective) is the SLO burn rate.
 */
public final class SeverityAssessor {
  private final double objective;
  private final SeverityPolicy policy;

  public SeverityAssessor(double objective, SeverityPolicy policy) {
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("SLO objective must be in (0, 1), e.g. 0.999, got " + objective);
    }
    this.objective = objective;
    this.policy = java.util.Objects.requireNonNull(policy, "severity policy");
  }

  public SeverityAssessor() {
    this(0.999, SeverityPolicy.DEFAULT);
  }

  public double objective() {
    return objective;
  }

  /**
   * @param affected bad events since onset
   * @param requests the flow's requests since onset
   * @param minutes length of the incident window in minutes
   * @param users distinct users among the affected requests, null when no user id attribute exists
   */
  public Severity assess(long affected, long requests, double minutes, Long users, String evidence) {
    if (affected < 0 || requests < 0 || affected > requests) {
      throw new IllegalArgumentException("affected requests must be in [0, requests], got " + affected + " of " + requests);
    }
    if (!(minutes > 0)) {
      throw new IllegalArgumentException("incident window must be longer than 0 minutes, got " + minutes);
    }
    double share = requests == 0 ? 0 : (double) affected / requests;
    double perMinute = affected / minutes;
    double burn = share / (1 - objective);
    return new Severity(policy.level(burn, share, perMinute), affected, perMinute, share, users, burn, objective, evidence);
  }
}
