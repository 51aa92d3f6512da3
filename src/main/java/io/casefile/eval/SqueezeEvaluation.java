package io.casefile.eval;

import io.casefile.analysis.localize.Kpi;
import io.casefile.analysis.localize.Leaf;
import io.casefile.analysis.localize.LocalizationProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Squeeze semi-synthetic datasets (B0 and the same layout): a folder of settings, each with an
 * {@code injection_info.csv} (columns {@code set}, {@code timestamp}) and one
 * {@code <timestamp>.csv[.gz]} per case (columns {@code real}, {@code predict} and the attributes).
 * A folder that itself holds {@code injection_info.csv} is read as a single setting.
 */
final class SqueezeEvaluation extends LocalizationEvaluation {
  static final String LABELS = "injection_info.csv";

  SqueezeEvaluation() {
    super();
  }

  SqueezeEvaluation(java.util.List<io.casefile.analysis.localize.Localizer> localizers) {
    super(localizers);
  }

  @Override
  public String dataset() {
    return "squeeze-b0";
  }

  @Override
  void forEachCase(Path data, CaseAction action) throws IOException {
    List<Path> settings = new ArrayList<>();
    if (Files.isRegularFile(data.resolve(LABELS))) {
      settings.add(data);
    } else {
      try (Stream<Path> s = Files.list(data)) {
        s.filter(p -> Files.isRegularFile(p.resolve(LABELS))).sorted().forEach(settings::add);
      }
    }
    if (settings.isEmpty()) {
      throw new IllegalArgumentException(data + " holds no setting folder with " + LABELS
          + " (expected the Squeeze layout: <setting>/" + LABELS + " and <setting>/<timestamp>.csv.gz)");
    }
    for (Path setting : settings) {
      readSetting(setting, action);
    }
  }

  private static void readSetting(Path setting, CaseAction action) throws IOException {
    Path labels = setting.resolve(LABELS);
    List<String[]> cases = new ArrayList<>();
    try (BufferedReader r = CsvLines.open(labels)) {
      List<String> header = CsvLines.split(CsvLines.header(r.readLine(), labels));
      int set = CsvLines.column(header, "set", labels);
      int timestamp = CsvLines.column(header, "timestamp", labels);
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) continue;
        List<String> f = CsvLines.split(line);
        if (f.size() <= Math.max(set, timestamp)) {
          throw new IllegalArgumentException(labels + ": short line '" + line + "'");
        }
        cases.add(new String[] {f.get(timestamp), f.get(set)});
      }
    }
    cases.sort((a, b) -> a[0].compareTo(b[0]));
    String group = setting.getFileName() == null ? setting.toString() : setting.getFileName().toString();
    for (String[] c : cases) {
      Path file = setting.resolve(c[0] + ".csv.gz");
      if (!Files.isRegularFile(file)) {
        file = setting.resolve(c[0] + ".csv");
      }
      if (!Files.isRegularFile(file)) {
        continue; // labelled case whose data is not in this folder (a subset)
      }
      action.accept(new LabelledCase(group, c[0], read(file), ElementLabels.parse(c[1])));
    }
  }

  /** Reads one case file: every row is a leaf. */
  static LocalizationProblem read(Path file) throws IOException {
    try (BufferedReader r = CsvLines.open(file)) {
      List<String> header = CsvLines.split(CsvLines.header(r.readLine(), file));
      int real = CsvLines.column(header, "real", file);
      int predict = CsvLines.column(header, "predict", file);
      List<String> attributes = new ArrayList<>();
      List<Integer> attributeColumns = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        if (i != real && i != predict) {
          attributes.add(header.get(i));
          attributeColumns.add(i);
        }
      }
      List<Leaf> leaves = new ArrayList<>();
      // one String instance per distinct value: cheaper to hash and compare downstream
      List<java.util.Map<String, String>> interned = new ArrayList<>();
      for (int k = 0; k < attributeColumns.size(); k++) interned.add(new java.util.HashMap<>());
      String line;
      long n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isEmpty()) continue;
        List<String> f = CsvLines.split(line);
        if (f.size() != header.size()) {
          throw new IllegalArgumentException(file + " line " + n + ": " + f.size() + " fields, header has " + header.size());
        }
        List<String> values = new ArrayList<>(attributeColumns.size());
        for (int k = 0; k < attributeColumns.size(); k++) {
          String v = f.get(attributeColumns.get(k));
          values.add(interned.get(k).computeIfAbsent(v, x -> x));
        }
        leaves.add(new Leaf(values, CsvLines.number(f.get(real), file, n), CsvLines.number(f.get(predict), file, n)));
      }
      return new LocalizationProblem(attributes, leaves, Kpi.ADDITIVE);
    }
  }
}
