package io.casefile.eval;

import io.casefile.analysis.localize.LocalizationProblem;
import java.util.Set;

/**
 * One labelled localization case: its group (a setting of the dataset), its name, the problem, and
 * the true root-cause elements in normalised label form (see {@link ElementLabels}).
 */
record LabelledCase(String group, String name, LocalizationProblem problem, Set<String> truth) {
  LabelledCase {
    if (truth == null || truth.isEmpty()) {
      throw new IllegalArgumentException("case " + name + " has no ground truth");
    }
    truth = Set.copyOf(truth);
  }
}
