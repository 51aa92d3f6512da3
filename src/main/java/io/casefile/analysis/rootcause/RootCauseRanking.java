package io.casefile.analysis.rootcause;

import java.util.List;

/**
 * The ranked causes, most likely first; when empty, {@code abstention} says why (what was compared
 * and that nothing moved). {@code strength} is the first cause's raw score (0 when abstaining): how
 * much moved, comparable between two splits of the same data.
 */
public record RootCauseRanking(List<RankedCause> causes, String abstention, double strength) {
  public RootCauseRanking {
    causes = List.copyOf(causes);
    if (causes.isEmpty() && (abstention == null || abstention.isBlank())) {
      throw new IllegalArgumentException("an empty ranking needs the reason it abstains");
    }
  }
}
