package io.casefile.eval;

import io.casefile.analysis.localize.Kpi;
import io.casefile.analysis.localize.Leaf;
import io.casefile.analysis.localize.LocalizationProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RobustSpot real-world dataset as packaged by RiskLoc ("RS"): one CSV per incident with
 * columns {@code min}, {@code value} (stalled viewers), {@code cnt} (viewers) and the attributes,
 * in any order; labels in {@code labels.csv} ({@code case,timestamp,root_cause}) or the original
 * {@code anomaly.yaml}. The KPI is the ratio value/cnt at the anomaly minute; each leaf's forecast
 * is the mean of its numerator and denominator over the {@value #HISTORY} minutes before, as in the
 * RobustSpot and RiskLoc code.
 */
final class RiskLocRsEvaluation extends LocalizationEvaluation {
  static final int HISTORY = 4;

  RiskLocRsEvaluation() {
    super();
  }

  RiskLocRsEvaluation(java.util.List<io.casefile.analysis.localize.Localizer> localizers) {
    super(localizers);
  }

  @Override
  public String dataset() {
    return "riskloc-rs";
  }

  @Override
  void forEachCase(Path data, CaseAction action) throws IOException {
    Path cases = Files.isDirectory(data.resolve("cases")) ? data.resolve("cases") : data;
    List<RsLabels.Label> labels = RsLabels.read(data);
    for (RsLabels.Label label : labels) {
      Path file = cases.resolve(label.caseName() + ".csv");
      if (!Files.isRegularFile(file)) {
        continue; // labelled case whose data is not in this folder (a subset)
      }
      action.accept(new LabelledCase("RS", label.caseName(), read(file, label.timestamp()), label.truth()));
    }
  }

  /** Reads one incident file into the ratio problem at the anomaly minute. */
  static LocalizationProblem read(Path file, long timestamp) throws IOException {
    try (BufferedReader r = CsvLines.open(file)) {
      List<String> header = CsvLines.split(CsvLines.header(r.readLine(), file));
      int min = CsvLines.column(header, "min", file);
      int value = CsvLines.column(header, "value", file);
      int cnt = CsvLines.column(header, "cnt", file);
      List<String> attributes = new ArrayList<>();
      List<Integer> attributeColumns = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        if (i != min && i != value && i != cnt) {
          attributes.add(header.get(i));
          attributeColumns.add(i);
        }
      }
      // key -> {values, real value, real cnt, history value sum, history cnt sum, history rows}
      Map<List<String>, double[]> now = new LinkedHashMap<>();
      Map<List<String>, double[]> history = new LinkedHashMap<>();
      String line;
      long n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isEmpty()) continue;
        List<String> f = CsvLines.split(line);
        if (f.size() != header.size()) {
          throw new IllegalArgumentException(file + " line " + n + ": " + f.size() + " fields, header has " + header.size());
        }
        long minute = (long) CsvLines.number(f.get(min), file, n);
        long age = (timestamp - minute) / 60;
        boolean current = minute == timestamp;
        boolean past = minute < timestamp && age >= 1 && age <= HISTORY && (timestamp - minute) % 60 == 0;
        if (!current && !past) continue;
        List<String> key = new ArrayList<>(attributeColumns.size());
        for (int c : attributeColumns) key.add(f.get(c));
        double v = CsvLines.number(f.get(value), file, n);
        double c = CsvLines.number(f.get(cnt), file, n);
        double[] acc = (current ? now : history).computeIfAbsent(key, k -> new double[3]);
        acc[0] += v;
        acc[1] += c;
        acc[2] += 1;
      }
      if (now.isEmpty()) {
        throw new IllegalArgumentException(file + ": no rows at the anomaly minute " + timestamp);
      }
      List<Leaf> leaves = new ArrayList<>();
      for (Map.Entry<List<String>, double[]> e : now.entrySet()) {
        double[] h = history.get(e.getKey());
        // rows per minute: the history mean is over the rows seen, as in the reference loaders
        double pv = h == null ? 0 : h[0] / h[2];
        double pc = h == null ? 0 : h[1] / h[2];
        leaves.add(new Leaf(e.getKey(), e.getValue()[0], pv, e.getValue()[1], pc));
      }
      return new LocalizationProblem(attributes, leaves, Kpi.RATIO);
    }
  }

  /** Kept for tests: the truth of a label text. */
  static Set<String> truth(String label) {
    return ElementLabels.parse(label);
  }
}
