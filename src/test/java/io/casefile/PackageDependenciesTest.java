package io.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering, read from the sources: the pure analysis core depends only downward (on itself,
 * the model, the JDK and Jackson's annotations for wire names), the model on nothing of ours, the
 * store on no package above it, and JDBC lives only in the store: a feature declares its own tables
 * in a {@code Schema}, which the store runs, and reaches only those through the store's
 * {@code FeatureTables}.
 */
class PackageDependenciesTest {
  private static final Path ROOT = Path.of("src/main/java/io/casefile");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.casefile\\.([a-z]+)");
  /** A string literal holding DDL: only a feature's declared {@code Schema} may, outside the store. */
  private static final Pattern DDL = Pattern.compile("\\b(CREATE (TABLE|INDEX|SEQUENCE)|ALTER TABLE|DROP TABLE)\\b");
  private static final Pattern STRING = Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  /**
   * Files outside the store that still use JDBC, run DDL or query tables that are not their
   * feature's own; the list only shrinks.
   */
  private static final Set<String> SQL_OUTSIDE_STORE = Set.of();
  /** The packages above the store: it names none of them. */
  private static final Set<String> ABOVE_THE_STORE = Set.of("incident", "alerts", "comms", "drill", "logs",
      "investigation", "signals", "server", "cli", "demo", "eval", "bench");
  /** Store files that cannot help naming a package above it, and which one; none today. */
  private static final Set<String> STORE_NAMES_ABOVE = Set.of();
  /** The store's own tables, with any other a store source creates: never named outside the store. */
  private static final Set<String> TELEMETRY_TABLES = Set.of("spans", "logs", "metric_points", "changes",
      "service_versions", "span_attribute_keys", "log_templates", "log_template_stage", "ingest_log_loaded",
      "schema_migrations");
  private static final Pattern JDBC = Pattern.compile("\\b(java\\.sql|javax\\.sql|org\\.duckdb|DriverManager)\\b");
  /** A table or sequence a string names: after FROM, JOIN, INTO, TABLE or SEQUENCE, or in UPDATE … SET. */
  private static final Pattern TABLE_USE = Pattern.compile(
      "\\b(?:FROM|JOIN|INTO|TABLE(?: IF NOT EXISTS)?|SEQUENCE(?: IF NOT EXISTS)?)\\s+([A-Za-z_][\\w.]*)"
          + "|\\bUPDATE\\s+([A-Za-z_][\\w.]*)\\s+SET\\b");
  private static final Pattern DECLARED = Pattern.compile(
      "\\bCREATE (?:TABLE|SEQUENCE) (?:IF NOT EXISTS )?([A-Za-z_]\\w*)");
  private static final Pattern NEXTVAL = Pattern.compile("\\.nextval\\(\"(\\w+)\"\\)");

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
    Map<String, String> code = new TreeMap<>();
    for (Path f : sources("")) {
      code.put(ROOT.relativize(f).toString().replace('\\', '/'), code(f));
    }
    Set<String> telemetry = new TreeSet<>(TELEMETRY_TABLES);
    code.forEach((rel, c) -> {
      if (rel.startsWith("store/")) {
        telemetry.addAll(matches(DECLARED, strings(c)));
      }
    });
    Map<String, List<String>> offences = offences(code, telemetry);
    assertThat(offences.keySet()).as("offences: %s", offences).isEqualTo(new TreeSet<>(SQL_OUTSIDE_STORE));
  }

  /** The check above can fail: each kind of offence in a feature's source is found. */
  @Test
  void theSqlCheckFindsJdbcTelemetryTablesOtherFeaturesTablesAndDdl() {
    String schema = "final class NoteSchema { static final Schema SCHEMA = Schema.of(\"notes\", List.of("
        + "\"CREATE TABLE IF NOT EXISTS notes (id VARCHAR)\", \"CREATE SEQUENCE IF NOT EXISTS note_numbers\")); }";
    Map<String, String> code = new TreeMap<>(Map.of(
        "alerts/NoteSchema.java", schema,
        "alerts/Good.java", "class Good { void f() { t.update(\"INSERT INTO notes VALUES (?)\", x); "
            + "t.list(\"SELECT id FROM notes n JOIN notes m ON n.id = m.id\", y, z); t.nextval(\"note_numbers\"); } }",
        "alerts/Jdbc.java", "import java.sql.Connection;\nclass Jdbc {}",
        "alerts/Telemetry.java", "class T { String q = \"\"\"\n  SELECT count(*)\n  FROM spans WHERE x\"\"\"; }",
        "alerts/Other.java", "class O { String q = \"SELECT id FROM \" + \"incidents WHERE id = ?\"; String r = "
            + "\"UPDATE incidents SET x = 1\"; }",
        "alerts/Ddl.java", "class D { String q = \"CREATE TABLE other (id INTEGER)\"; }",
        "alerts/RunsItsSchema.java", "class R { void f() { NoteSchema.SCHEMA.statements().forEach(t::update); } }",
        "alerts/Sequence.java", "class S { void f() { t.nextval(\"incident_numbers\"); } }"));
    Map<String, List<String>> offences = offences(code, TELEMETRY_TABLES);
    assertThat(offences.keySet()).containsExactly("alerts/Ddl.java", "alerts/Jdbc.java", "alerts/Other.java",
        "alerts/RunsItsSchema.java", "alerts/Sequence.java", "alerts/Telemetry.java");
    assertThat(offences.get("alerts/Telemetry.java")).containsExactly("names telemetry table spans");
    assertThat(offences.get("alerts/Other.java")).containsExactly("names incidents, not a table of alerts");
  }

  @Test
  void theStoreNamesNoPackageAboveIt() throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path f : sources("store")) {
      String rel = ROOT.relativize(f).toString().replace('\\', '/');
      Matcher m = REFERENCE.matcher(code(f));
      while (m.find()) {
        if (ABOVE_THE_STORE.contains(m.group(1))) {
          found.add(rel + " -> io.casefile." + m.group(1));
        }
      }
    }
    assertThat(found).isEqualTo(STORE_NAMES_ABOVE);
  }

  /**
   * Per file outside the store, what it does that only the store may: use JDBC, run a schema's
   * DDL, hold DDL outside a declared {@code Schema}, or name a table (or sequence) that is not
   * declared by a {@code Schema.of} of its own feature package, a telemetry table above all.
   */
  static Map<String, List<String>> offences(Map<String, String> code, Set<String> telemetry) {
    Map<String, Set<String>> own = new TreeMap<>();
    code.forEach((rel, c) -> {
      if (!rel.startsWith("store/") && c.contains("Schema.of(")) {
        own.computeIfAbsent(feature(rel), k -> new TreeSet<>()).addAll(matches(DECLARED, strings(c)));
      }
    });
    Map<String, List<String>> offences = new TreeMap<>();
    code.forEach((rel, c) -> {
      if (rel.startsWith("store/")) {
        return;
      }
      List<String> found = new ArrayList<>();
      String strings = strings(c);
      String outsideStrings = STRING.matcher(c).replaceAll("\"\"");
      if (JDBC.matcher(outsideStrings).find()) {
        found.add("uses JDBC");
      }
      if (outsideStrings.contains(".statements()")) {
        found.add("runs a schema's DDL");
      }
      if (!c.contains("Schema.of(") && DDL.matcher(strings).find()) {
        found.add("holds DDL outside a declared Schema");
      }
      Set<String> mine = own.getOrDefault(feature(rel), Set.of());
      List<String> named = new ArrayList<>(matches(TABLE_USE, strings));
      named.addAll(matches(NEXTVAL, c));
      for (String table : new java.util.LinkedHashSet<>(named)) {
        if (telemetry.contains(table)) {
          found.add("names telemetry table " + table);
        } else if (!mine.contains(table)) {
          found.add("names " + table + ", not a table of " + feature(rel));
        }
      }
      if (!found.isEmpty()) {
        offences.put(rel, found);
      }
    });
    return offences;
  }

  private static String feature(String rel) {
    int slash = rel.indexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash);
  }

  /** The string literals of a source, apart, with literals joined by {@code +} read as one. */
  private static String strings(String code) {
    StringBuilder out = new StringBuilder();
    Matcher s = STRING.matcher(code);
    int end = -1;
    while (s.find()) {
      boolean joined = end >= 0 && code.substring(end, s.start()).matches("\\s*\\+\\s*");
      String text = s.group();
      text = text.startsWith("\"\"\"") ? text.substring(3, text.length() - 3) : text.substring(1, text.length() - 1);
      out.append(joined ? "" : "\n;\n").append(text); // a separate literal never continues a statement
      end = s.end();
    }
    return out.toString();
  }

  private static List<String> matches(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1) != null || m.groupCount() < 2 ? m.group(1) : m.group(2));
    }
    return out;
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
      out.add(m.group(1) != null || m.groupCount() < 2 ? m.group(1) : m.group(2));
    }
    return out;
  }
}
