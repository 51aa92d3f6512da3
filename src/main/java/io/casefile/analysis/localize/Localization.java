package io.casefile.analysis.localize;

import java.util.List;

/** The answer of a localizer: root causes, strongest first. Empty means no anomalous combination. */
public record Localization(List<RootCause> causes) {
  private static final Localization NONE = new Localization(List.of());

  public Localization {
    if (causes == null) {
      throw new IllegalArgumentException("causes are required (empty for none)");
    }
    causes = List.copyOf(causes);
  }

  public static Localization none() {
    return NONE;
  }

  /**
   * Only the causes above their prediction: what "for whom are there excess errors" needs, since
   * the methods also report combinations that dropped.
   */
  public Localization increases() {
    return new Localization(causes.stream().filter(RootCause::isIncrease).toList());
  }

  public boolean isEmpty() {
    return causes.isEmpty();
  }
}
