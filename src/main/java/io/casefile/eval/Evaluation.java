package io.casefile.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Replays one labelled dataset through the analysers and prints a comparable report whose last
 * line is the headline metric (for example {@code F1 0.962}).
 */
public interface Evaluation {
  /** The dataset name given to {@code casefile eval --dataset}. */
  String dataset();

  /** Runs over the folder, reading the data in place. Bad layout: IllegalArgumentException. */
  void run(Path data, PrintStream out) throws IOException;

  /**
   * Runs only the cases whose printed label contains {@code only} (null: all) and, when
   * {@code verbose}, prints each case's answer in more detail. Evaluations without per-case answers
   * refuse both.
   */
  default void run(Path data, PrintStream out, String only, boolean verbose) throws IOException {
    if (only != null || verbose) {
      throw new IllegalArgumentException("--only and --verbose apply to the root-cause datasets (nezha, rcd-sockshop), not " + dataset());
    }
    run(data, out);
  }
}
