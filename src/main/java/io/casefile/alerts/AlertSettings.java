package io.casefile.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How alerts become incidents: the label mapping, whether the first update is published
 * ({@code --announce}), how long after its last event a group that fires again still belongs to its
 * incident, the SLOs from a file (null: none configured there), the availability objective every
 * entry flow gets when no SLO is configured, how often the SLOs are evaluated (null: never in the
 * background) and the period the error budget is counted over.
 */
public record AlertSettings(AlertMapping mapping, boolean announce, Duration refire, List<Slo> sloFile,
    double defaultObjective, Duration evaluationInterval, Duration budgetPeriod) {

  public static final Duration DEFAULT_REFIRE = Duration.ofHours(4);
  public static final double DEFAULT_OBJECTIVE = 0.999;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BUDGET_PERIOD = Duration.ofDays(30);
  public static final AlertSettings DEFAULTS = new AlertSettings(AlertMapping.DEFAULTS, false, DEFAULT_REFIRE, null,
      DEFAULT_OBJECTIVE, DEFAULT_INTERVAL, DEFAULT_BUDGET_PERIOD);

  public AlertSettings {
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(refire, "refire");
    Objects.requireNonNull(budgetPeriod, "budget period");
    if (refire.isNegative()) {
      throw new IllegalArgumentException("--alert-refire must not be negative, got " + refire);
    }
    if (!(defaultObjective > 0 && defaultObjective < 1)) {
      throw new IllegalArgumentException("default SLO objective must be in (0, 1), got " + defaultObjective);
    }
    if (evaluationInterval != null && evaluationInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("SLO evaluation interval must be at least 1s, got " + evaluationInterval);
    }
    if (budgetPeriod.compareTo(Duration.ofHours(6)) < 0) {
      throw new IllegalArgumentException("error budget period must be at least 6h, got " + budgetPeriod);
    }
    sloFile = sloFile == null ? null : List.copyOf(sloFile);
  }

  public AlertSettings withMapping(AlertMapping m) {
    return new AlertSettings(m, announce, refire, sloFile, defaultObjective, evaluationInterval, budgetPeriod);
  }

  public AlertSettings withAnnounce(boolean a) {
    return new AlertSettings(mapping, a, refire, sloFile, defaultObjective, evaluationInterval, budgetPeriod);
  }

  public AlertSettings withRefire(Duration r) {
    return new AlertSettings(mapping, announce, r, sloFile, defaultObjective, evaluationInterval, budgetPeriod);
  }

  public AlertSettings withSlos(List<Slo> slos) {
    return new AlertSettings(mapping, announce, refire, slos, defaultObjective, evaluationInterval, budgetPeriod);
  }

  public AlertSettings withEvaluationInterval(Duration d) {
    return new AlertSettings(mapping, announce, refire, sloFile, defaultObjective, d, budgetPeriod);
  }
}
