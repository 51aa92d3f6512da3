package io.casefile.analysis.localize;

/** A multi-dimensional root-cause localization method. Implementations are stateless. */
public interface Localizer {
  /** Stable name used on the command line and in evaluation tables. */
  String name();

  /**
   * The attribute combinations that explain the anomaly, strongest first; empty when the problem
   * holds no anomaly.
   */
  Localization localize(LocalizationProblem problem);
}
