package io.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering, read from the sources: the pure analysis core depends only downward (on itself,
 * the model, the JDK and Jackson's annotations for wire names), the model on nothing of ours, and
 * SQL lives only in the store (a feature may declare its own tables in a {@code Schema}, which the
 * store runs).
 */
class PackageDependenciesTest {
  private static final Path ROOT = Path.of("src/main/java/io/casefile");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.casefile\\.([a-z]+)");
  /** A string literal (or text block) holding a query or a write. */
  private static final Pattern SQL = Pattern.compile(
      "\\b(SELECT\\b[\\s\\S]{0,300}?\\bFROM|INSERT INTO|UPDATE \\w+ SET|DELETE FROM)\\b");
  /** A string literal holding DDL: only a feature's declared {@code Schema} may, outside the store. */
  private static final Pattern DDL = Pattern.compile("\\b(CREATE (TABLE|INDEX|SEQUENCE)|ALTER TABLE|DROP TABLE)\\b");
  private static final Pattern STRING = Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  /** Files outside the store that still hold SQL or JDBC; the list only shrinks. */
  private static final Set<String> SQL_OUTSIDE_STORE = Set.of(
      "alerts/AlertIncidents.java",
      "alerts/AlertLedger.java",
      "comms/WebhookStore.java",
      "drill/DrillRepository.java",
      "drill/Drills.java",
      "incident/EvidenceSnapshots.java",
      "incident/IncidentRepository.java");

  @Test
  void analysisDependsOnlyOnItselfTheModelAndTheJdk() throws IOException {
    List<String> offences = new ArrayList<>();
    for (Path f : sources("analysis")) {
      String code = code(f);
      Matcher m = REFERENCE.matcher(code);
      while (m.find()) {
        if (!Set.of("analysis", "model").contains(m.group(1))) {
          offences.add(ROOT.relativize(f) + " -> io.casefile." + m.group(1));
        }
      }
      for (String imp : imports(code)) {
        if (!imp.startsWith("java.") && !imp.startsWith("io.casefile.analysis.") && !imp.startsWith("io.casefile.model.")
            && !imp.startsWith("com.fasterxml.jackson.annotation.")) {
          offences.add(ROOT.relativize(f) + " imports " + imp);
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  @Test
  void theModelDependsOnNothingOfOurs() throws IOException {
    List<String> offences = new ArrayList<>();
    for (Path f : sources("model")) {
      Matcher m = REFERENCE.matcher(code(f));
      while (m.find()) {
        if (!m.group(1).equals("model")) {
          offences.add(ROOT.relativize(f) + " -> io.casefile." + m.group(1));
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  @Test
  void sqlAndJdbcLiveOnlyInTheStore() throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path f : sources("")) {
      String rel = ROOT.relativize(f).toString().replace('\\', '/');
      if (rel.startsWith("store/")) {
        continue;
      }
      String code = code(f);
      StringBuilder strings = new StringBuilder();
      Matcher s = STRING.matcher(code);
      while (s.find()) {
        strings.append(s.group()).append('\n');
      }
      String outsideStrings = STRING.matcher(code).replaceAll("\"\"");
      boolean declaredSchema = code.contains("Schema.of(");
      if (outsideStrings.contains("java.sql") || SQL.matcher(strings).find()
          || (!declaredSchema && DDL.matcher(strings).find())) {
        found.add(rel);
      }
    }
    assertThat(found).isEqualTo(new TreeSet<>(SQL_OUTSIDE_STORE));
  }

  private static List<Path> sources(String pkg) throws IOException {
    try (Stream<Path> s = Files.walk(ROOT.resolve(pkg))) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** The source without comments (a comment may name any package). */
  private static String code(Path f) throws IOException {
    return Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "")
        .replaceAll("(?m)\\s// [^\"\\n]*$", "");
  }

  private static List<String> imports(String code) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^import (?:static )?([\\w.]+)").matcher(code);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
