package io.casefile.eval;

import io.casefile.analysis.logs.LogTemplateMiner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Log template mining on Loghub-style data: for every folder {@code S} holding
 * {@code S_2k.log_structured_corrected.csv}, mines the {@code Content} column with a fresh miner
 * (default settings, the same for every system) and scores it against {@code EventTemplate}.
 *
 * <p>GA (grouping accuracy): the share of messages whose mined template groups exactly the same
 * messages as their true template. PA (parsing accuracy): the share of messages whose final mined
 * template, after Loghub-2.0's template correction ({@link LoghubTemplateCorrection}), equals the
 * true template string. Prints one line per system, then {@code GA <mean> PA <mean>}.
 */
public final class LoghubEvaluation implements Evaluation {
  static final String SUFFIX = "_2k.log_structured_corrected.csv";

  @Override
  public String dataset() {
    return "loghub";
  }

  /** The scores for one system. */
  record Score(String system, int messages, int truthTemplates, int minedTemplates, double ga, double pa) {}

  @Override
  public void run(Path data, PrintStream out) throws IOException {
    List<Score> scores = scoreAll(data);
    double ga = 0;
    double pa = 0;
    for (Score s : scores) {
      out.printf(Locale.ROOT, "%-14s GA %.3f  PA %.3f  messages %d  templates %d (truth %d)%n",
          s.system(), s.ga(), s.pa(), s.messages(), s.minedTemplates(), s.truthTemplates());
      ga += s.ga();
      pa += s.pa();
    }
    out.printf(Locale.ROOT, "GA %.3f PA %.3f%n", ga / scores.size(), pa / scores.size());
  }

  static List<Score> scoreAll(Path data) throws IOException {
    List<Path> systems;
    try (Stream<Path> dirs = Files.list(data)) {
      systems = dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + SUFFIX))).sorted().toList();
    }
    if (systems.isEmpty()) {
      throw new IllegalArgumentException("no system folder S holding S" + SUFFIX + " under " + data);
    }
    List<Score> scores = new ArrayList<>();
    for (Path dir : systems) {
      String system = dir.getFileName().toString();
      scores.add(score(system, readLabelled(dir.resolve(system + SUFFIX))));
    }
    return scores;
  }

  /** One labelled message: its text and its true template. */
  record Labelled(String content, String template) {}

  /** The Content column of a labelled file, in order (for benchmarks). */
  public static List<String> contents(Path csv) throws IOException {
    return readLabelled(csv).stream().map(Labelled::content).toList();
  }

  static List<Labelled> readLabelled(Path csv) throws IOException {
    List<List<String>> rows;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      rows = LoghubCsv.read(in);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(csv + " is empty");
    }
    List<String> header = rows.get(0);
    int content = header.indexOf("Content");
    int template = header.indexOf("EventTemplate");
    if (content < 0 || template < 0) {
      throw new IllegalArgumentException(csv + " has no Content and EventTemplate columns (header: " + header + ")");
    }
    List<Labelled> out = new ArrayList<>(rows.size() - 1);
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(csv + " record " + (i + 1) + " has " + row.size()
            + " fields, the header has " + header.size());
      }
      out.add(new Labelled(row.get(content), row.get(template)));
    }
    return out;
  }

  static Score score(String system, List<Labelled> messages) {
    LogTemplateMiner miner = new LogTemplateMiner();
    long[] mined = new long[messages.size()];
    for (int i = 0; i < mined.length; i++) {
      mined[i] = miner.add(messages.get(i).content()).template().id();
    }
    for (int i = 0; i < mined.length; i++) {
      mined[i] = miner.resolve(mined[i]);
    }
    Map<Long, String> finalText = new HashMap<>();
    miner.templates().forEach(t -> finalText.put(t.id(), LoghubTemplateCorrection.correct(t.template())));
    String[] truth = messages.stream().map(Labelled::template).toArray(String[]::new);
    int correctlyParsed = 0;
    for (int i = 0; i < mined.length; i++) {
      if (finalText.get(mined[i]).equals(truth[i])) {
        correctlyParsed++;
      }
    }
    double n = messages.size();
    return new Score(system, messages.size(), (int) Stream.of(truth).distinct().count(), miner.size(),
        groupingAccuracy(truth, mined) / n, correctlyParsed / n);
  }

  /** Messages in a true group whose mined group holds exactly the same messages. */
  static int groupingAccuracy(String[] truth, long[] mined) {
    Map<String, List<Integer>> truthGroups = new HashMap<>();
    Map<Long, Integer> minedSizes = new HashMap<>();
    for (int i = 0; i < truth.length; i++) {
      truthGroups.computeIfAbsent(truth[i], k -> new ArrayList<>()).add(i);
      minedSizes.merge(mined[i], 1, Integer::sum);
    }
    int accurate = 0;
    for (List<Integer> group : truthGroups.values()) {
      long id = mined[group.get(0)];
      boolean same = group.stream().allMatch(i -> mined[i] == id);
      if (same && minedSizes.get(id) == group.size()) {
        accurate += group.size();
      }
    }
    return accurate;
  }
}
