package io.casefile.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels of the RS layout: {@code labels.csv} ({@code case,timestamp,root_cause}) when present,
 * else the original {@code anomaly.yaml} (entries with {@code data}, {@code timestamp} and a
 * {@code cause} dict or list of dicts).
 */
final class RsLabels {
  private RsLabels() {}

  record Label(String caseName, long timestamp, Set<String> truth) {}

  static List<Label> read(Path data) throws IOException {
    Path csv = data.resolve("labels.csv");
    if (Files.isRegularFile(csv)) {
      return readCsv(csv);
    }
    Path yaml = data.resolve("anomaly.yaml");
    if (Files.isRegularFile(yaml)) {
      return readYaml(yaml);
    }
    throw new IllegalArgumentException(data + " holds neither labels.csv nor anomaly.yaml"
        + " (expected the RS layout: cases/<case>.csv and labels.csv)");
  }

  private static List<Label> readCsv(Path file) throws IOException {
    List<Label> out = new ArrayList<>();
    try (BufferedReader r = CsvLines.open(file)) {
      List<String> header = CsvLines.split(CsvLines.header(r.readLine(), file));
      int name = CsvLines.column(header, "case", file);
      int ts = CsvLines.column(header, "timestamp", file);
      int cause = CsvLines.column(header, "root_cause", file);
      String line;
      long n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        List<String> f = CsvLines.split(line);
        if (f.size() != header.size()) {
          throw new IllegalArgumentException(file + " line " + n + ": " + f.size() + " fields, header has " + header.size());
        }
        out.add(new Label(f.get(name), (long) CsvLines.number(f.get(ts), file, n), ElementLabels.parse(f.get(cause))));
      }
    }
    return out;
  }

  private static final Pattern DICT = Pattern.compile("\\{([^}]*)}");
  private static final Pattern PAIR = Pattern.compile("'([^']*)'\\s*:\\s*('([^']*)'|[^,}\\s]+)");

  private static List<Label> readYaml(Path file) throws IOException {
    List<Label> out = new ArrayList<>();
    Map<String, String> entry = new LinkedHashMap<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.startsWith("- ")) {
        flush(entry, out, file);
        line = line.substring(2).strip();
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        entry.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    flush(entry, out, file);
    return out;
  }

  private static void flush(Map<String, String> entry, List<Label> out, Path file) {
    if (entry.isEmpty()) return;
    String data = entry.get("data");
    String ts = entry.get("timestamp");
    String cause = entry.get("cause");
    if (data == null || ts == null || cause == null) {
      throw new IllegalArgumentException(file + ": entry without data, timestamp or cause: " + entry);
    }
    List<String> elements = new ArrayList<>();
    Matcher dict = DICT.matcher(cause);
    while (dict.find()) {
      Matcher pair = PAIR.matcher(dict.group(1));
      List<String> pairs = new ArrayList<>();
      while (pair.find()) {
        String value = pair.group(3) != null ? pair.group(3) : pair.group(2);
        pairs.add(pair.group(1) + "=" + value);
      }
      elements.add(String.join("&", pairs));
    }
    if (elements.isEmpty()) {
      throw new IllegalArgumentException(file + ": cannot read cause '" + cause + "' of " + data);
    }
    out.add(new Label(data.replaceAll("^['\"]|['\"]$", ""), (long) CsvLines.number(ts, file, 0),
        ElementLabels.parse(String.join(";", elements))));
    entry.clear();
  }
}
