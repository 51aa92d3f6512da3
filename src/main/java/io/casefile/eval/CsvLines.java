package io.casefile.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Streaming reader for the datasets' simple CSV files (UTF-8, optionally gzip-compressed). */
final class CsvLines {
  private CsvLines() {}

  static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Splits one line; double quotes around a field are removed ("" inside stands for one quote). */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            sb.append(c);
            i++;
          }
        }
        out.add(sb.toString());
        int comma = line.indexOf(',', i);
        if (comma < 0) break;
        i = comma + 1;
      } else {
        int comma = line.indexOf(',', i);
        if (comma < 0) {
          out.add(line.substring(i).strip());
          break;
        }
        out.add(line.substring(i, comma).strip());
        i = comma + 1;
      }
    }
    return out;
  }

  /** Column index of a header name, or an error naming the file and the columns found. */
  static int column(List<String> header, String name, Path file) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(file + ": no column '" + name + "' in header " + header);
    }
    return i;
  }

  static double number(String text, Path file, long line) {
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " line " + line + ": not a number: '" + text + "'");
    }
  }

  /** Strips a UTF-8 byte order mark from the first line. */
  static String header(String line, Path file) {
    if (line == null) {
      throw new IllegalArgumentException(file + " is empty");
    }
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
