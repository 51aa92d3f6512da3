package io.casefile.analysis.localize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The leaves of a problem in columnar form, with attribute values dictionary-encoded. Codes follow
 * the sorted order of the values, so the encoding does not depend on the order of the leaves.
 */
final class LeafTable {
  final List<String> attributes;
  final int size;
  /** codes[attribute][leaf]. */
  final int[][] codes;
  /** values[attribute][code]. */
  final String[][] values;
  final double[] real;
  final double[] predicted;
  final double[] realDenominator;
  final double[] predictedDenominator;

  private LeafTable(LocalizationProblem problem) {
    attributes = problem.attributes();
    List<Leaf> leaves = problem.leaves();
    size = leaves.size();
    int dims = attributes.size();
    int[][] raw = new int[dims][size];
    values = new String[dims][];
    for (int a = 0; a < dims; a++) {
      Map<String, Integer> seen = new HashMap<>();
      List<String> distinct = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        String v = leaves.get(i).values().get(a);
        Integer code = seen.get(v);
        if (code == null) {
          code = distinct.size();
          seen.put(v, code);
          distinct.add(v);
        }
        raw[a][i] = code;
      }
      // renumber in sorted value order, so codes do not depend on the order of the leaves
      Integer[] order = new Integer[distinct.size()];
      for (int c = 0; c < order.length; c++) order[c] = c;
      Arrays.sort(order, (x, y) -> distinct.get(x).compareTo(distinct.get(y)));
      int[] rank = new int[order.length];
      values[a] = new String[order.length];
      for (int r = 0; r < order.length; r++) {
        rank[order[r]] = r;
        values[a][r] = distinct.get(order[r]);
      }
      for (int i = 0; i < size; i++) raw[a][i] = rank[raw[a][i]];
    }
    // sort leaves by their codes (then numbers): sums are then taken in the same order whatever
    // the input order, so results are bit-for-bit independent of it
    Integer[] perm = new Integer[size];
    for (int i = 0; i < size; i++) perm[i] = i;
    Arrays.sort(perm, (x, y) -> {
      for (int a = 0; a < dims; a++) {
        int c = Integer.compare(raw[a][x], raw[a][y]);
        if (c != 0) return c;
      }
      Leaf lx = leaves.get(x);
      Leaf ly = leaves.get(y);
      int c = Double.compare(lx.real(), ly.real());
      if (c == 0) c = Double.compare(lx.predicted(), ly.predicted());
      if (c == 0) c = Double.compare(lx.realDenominator(), ly.realDenominator());
      if (c == 0) c = Double.compare(lx.predictedDenominator(), ly.predictedDenominator());
      return c;
    });
    codes = new int[dims][size];
    real = new double[size];
    predicted = new double[size];
    realDenominator = new double[size];
    predictedDenominator = new double[size];
    for (int i = 0; i < size; i++) {
      int src = perm[i];
      for (int a = 0; a < dims; a++) codes[a][i] = raw[a][src];
      Leaf leaf = leaves.get(src);
      real[i] = leaf.real();
      predicted[i] = leaf.predicted();
      realDenominator[i] = leaf.realDenominator();
      predictedDenominator[i] = leaf.predictedDenominator();
    }
  }

  static LeafTable of(LocalizationProblem problem) {
    return new LeafTable(problem);
  }

  int cardinality(int attribute) {
    return values[attribute].length;
  }

  /** The attribute values of leaf i on the cuboid's attributes. */
  SortedMap<String, String> describe(int[] cuboid, int leaf) {
    SortedMap<String, String> m = new TreeMap<>();
    for (int a : cuboid) {
      m.put(attributes.get(a), values[a][codes[a][leaf]]);
    }
    return m;
  }

  /** True when leaves i and j agree on every attribute of the cuboid. */
  boolean sameElement(int i, int j, int[] cuboid) {
    for (int a : cuboid) {
      if (codes[a][i] != codes[a][j]) {
        return false;
      }
    }
    return true;
  }

  /** All cuboids (attribute index sets) of the given size, in lexicographic order. */
  static List<int[]> cuboids(int dims, int layer) {
    List<int[]> out = new ArrayList<>();
    combine(new int[layer], 0, 0, dims, out);
    return out;
  }

  private static void combine(int[] current, int pos, int start, int dims, List<int[]> out) {
    if (pos == current.length) {
      out.add(Arrays.copyOf(current, current.length));
      return;
    }
    for (int a = start; a < dims; a++) {
      current[pos] = a;
      combine(current, pos + 1, a + 1, dims, out);
    }
  }
}
