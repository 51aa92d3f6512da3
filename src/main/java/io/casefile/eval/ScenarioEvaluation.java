package io.casefile.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code casefile eval --dataset scenarios --data DIR}: DIR holds {@code casefile simulate} output
 * (one folder per scenario with its truth.json). Each scenario is replayed into an in-process
 * server and investigated; the table shows the onset error in 10 s buckets, whether the localized
 * cohorts equal the truth, the causal change's rank (or the abstention when the truth has none)
 * and whether the error origin names the faulty component. Last line: cohort elements
 * exact-match F1, micro-averaged over the cases.
 */
public final class ScenarioEvaluation implements Evaluation {
  private static final Duration BUCKET = Duration.ofSeconds(10);

  @Override
  public String dataset() {
    return "scenarios";
  }

  @Override
  public void run(Path data, PrintStream out) throws IOException {
    List<Path> folders;
    try (Stream<Path> s = Files.list(data)) {
      folders = s.filter(p -> Files.isRegularFile(p.resolve("truth.json"))).sorted().toList();
    }
    if (folders.isEmpty() && Files.isRegularFile(data.resolve("truth.json"))) {
      folders = List.of(data);
    }
    if (folders.isEmpty()) {
      throw new IllegalArgumentException("no scenario folders (with truth.json) in " + data
          + "; write them with: casefile simulate --scenario all --out " + data);
    }
    Table table = new Table("scenario", "signal", "onset err (buckets)", "cohort", "causal change", "origin", "root cause", "log template", "seconds");
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (Path folder : folders) {
      long t0 = System.nanoTime();
      ScenarioCase c = ScenarioCase.run(folder);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Set<Map<String, String>> predicted = c.predictedCohorts();
      Set<Map<String, String>> truth = c.trueCohorts();
      Set<Map<String, String>> hit = new HashSet<>(predicted);
      hit.retainAll(truth);
      tp += hit.size();
      fp += predicted.size() - hit.size();
      fn += truth.size() - hit.size();
      Double onset = c.onsetErrorBuckets(BUCKET);
      String causal;
      if (c.truth().causalChangeId() == null) {
        causal = (c.investigation().unexplained() ? "abstained" : "claimed")
            + (c.wrongChangeFirst() ? ", wrong first" : "");
      } else {
        int rank = c.causalRank();
        causal = rank == 0 ? "missed" : "rank " + rank;
      }
      table.row(c.truth().scenario(), c.truth().signal(), onset == null ? "no onset" : String.format(Locale.ROOT, "%.1f", onset),
          predicted.equals(truth) ? "exact" : "got " + predicted + " want " + truth, causal,
          c.originMatches() ? "yes" : "no", c.rootCauseFirst() ? "first" : "got " + c.investigation().rootCauses().stream()
              .findFirst().map(r -> r.service()).orElse("none"), c.logTemplateReported() ? "yes" : "no",
          String.format(Locale.ROOT, "%.1f", seconds));
    }
    table.print(out);
    double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    out.printf(Locale.ROOT, "TP %d FP %d FN %d%n", tp, fp, fn);
    out.printf(Locale.ROOT, "F1 %.3f%n", f1);
  }
}
