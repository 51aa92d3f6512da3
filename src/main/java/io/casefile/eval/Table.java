package io.casefile.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: first column left-aligned, the others right-aligned. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  void row(Object... cells) {
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) r[i] = String.valueOf(cells[i]);
    rows.add(r);
  }

  void print(PrintStream out) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r[i].length());
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        if (i == 0) sb.append(String.format("%-" + width[i] + "s", r[i]));
        else sb.append("  ").append(String.format("%" + width[i] + "s", r[i]));
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
