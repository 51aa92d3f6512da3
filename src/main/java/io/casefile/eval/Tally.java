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
  long cpuNanos;

  /** Adds one case: predicted elements are deduplicated; each true element matches at most once. */
  void add(Collection<String> predicted, Set<String> truth, long elapsedNanos, long cpu) {
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
    cpuNanos += cpu;
  }

  void add(Tally other) {
    cases += other.cases;
    tp += other.tp;
    fp += other.fp;
    fn += other.fn;
    nanos += other.nanos;
    cpuNanos += other.cpuNanos;
  }

  double f1() {
    long denominator = 2 * tp + fp + fn;
    return denominator == 0 ? 1.0 : 2.0 * tp / denominator;
  }

  double cpuMillisPerCase() {
    return cases == 0 ? 0 : cpuNanos / 1e6 / cases;
  }

  double millisPerCase() {
    return cases == 0 ? 0 : nanos / 1e6 / cases;
  }
}
