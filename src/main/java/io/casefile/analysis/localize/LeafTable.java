package io.casefile.analysis.localize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

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
    List<Leaf> leaves = sortedLeaves(problem.leaves());
    size = leaves.size();
    int dims = attributes.size();
    codes = new int[dims][size];
    values = new String[dims][];
    for (int a = 0; a < dims; a++) {
      TreeSet<String> distinct = new TreeSet<>();
      for (Leaf leaf : leaves) {
        distinct.add(leaf.values().get(a));
      }
      values[a] = distinct.toArray(String[]::new);
      Map<String, Integer> index = new HashMap<>();
      for (int c = 0; c < values[a].length; c++) {
        index.put(values[a][c], c);
      }
      for (int i = 0; i < size; i++) {
        codes[a][i] = index.get(leaves.get(i).values().get(a));
      }
    }
    real = new double[size];
    predicted = new double[size];
    realDenominator = new double[size];
    predictedDenominator = new double[size];
    for (int i = 0; i < size; i++) {
      Leaf leaf = leaves.get(i);
      real[i] = leaf.real();
      predicted[i] = leaf.predicted();
      realDenominator[i] = leaf.realDenominator();
      predictedDenominator[i] = leaf.predictedDenominator();
    }
  }

  static LeafTable of(LocalizationProblem problem) {
    return new LeafTable(problem);
  }

  /**
   * Sorts leaves by their values (then by their numbers), so that sums are taken in the same order
   * whatever the input order: results are then bit-for-bit independent of the leaf order.
   */
  private static List<Leaf> sortedLeaves(List<Leaf> leaves) {
    List<Leaf> sorted = new ArrayList<>(leaves);
    sorted.sort((x, y) -> {
      for (int a = 0; a < x.values().size(); a++) {
        int c = x.values().get(a).compareTo(y.values().get(a));
        if (c != 0) {
          return c;
        }
      }
      int c = Double.compare(x.real(), y.real());
      if (c == 0) c = Double.compare(x.predicted(), y.predicted());
      if (c == 0) c = Double.compare(x.realDenominator(), y.realDenominator());
      if (c == 0) c = Double.compare(x.predictedDenominator(), y.predictedDenominator());
      return c;
    });
    return sorted;
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
