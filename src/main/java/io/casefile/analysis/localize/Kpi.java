package io.casefile.analysis.localize;

/** How leaf values combine into the total KPI. */
public enum Kpi {
  /** A fundamental measure: the total is the sum over leaves (counts, excess errors, volumes). */
  ADDITIVE,
  /**
   * A derived measure: the KPI is a ratio of two additive measures, {@code sum(real) /
   * sum(realDenominator)} (error ratio, stall ratio).
   */
  RATIO
}
