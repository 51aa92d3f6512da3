package io.casefile.eval;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Element-level exact-match counts, summed over cases (micro-averaging). */
final class Tally {
  int cases;
  long tp;
  long fp;
  long fn;
  long nanos;

  /** Adds one case: predicted elements are deduplicated; each true element matches at most once. */
  void add(Collection<String> predicted, Set<String> truth, long elapsedNanos) {
    Set<String> unique = new HashSet<>(predicted);
    int hits = 0;
    for (String t : truth) {
      if (unique.contains(t)) hits++;
    }
    cases++;
    tp += hits;
    fp += unique.size() - hits;
    fn += truth.size() - hits;
    nanos += elapsedNanos;
  }

  void add(Tally other) {
    cases += other.cases;
    tp += other.tp;
    fp += other.fp;
    fn += other.fn;
    nanos += other.nanos;
  }

  double f1() {
    long denominator = 2 * tp + fp + fn;
    return denominator == 0 ? 1.0 : 2.0 * tp / denominator;
  }

  double millisPerCase() {
    return cases == 0 ? 0 : nanos / 1e6 / cases;
  }
}
