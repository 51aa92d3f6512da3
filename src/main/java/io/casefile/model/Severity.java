package io.casefile.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * How bad it is: affected requests (failed, or slower than the baseline quantile), their rate per
 * minute, share of the flow's traffic, distinct users (null when no user id attribute exists),
 * the SLO burn rate against {@code objective}, and the SEV level the policy maps them to.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Severity(
    String level,
    long affectedRequests,
    double perMinute,
    double trafficShare,
    Long users,
    double burnRate,
    double objective,
    String evidence) {
  public Severity {
    Objects.requireNonNull(level, "severity level");
    if (affectedRequests < 0) {
      throw new IllegalArgumentException("affected requests must be >= 0, got " + affectedRequests);
    }
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("SLO objective must be in (0, 1), got " + objective);
    }
  }
}
