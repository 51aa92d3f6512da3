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
    int[] perm = sortedOrder(leaves, raw);
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

  /**
   * Leaf indices ordered by their codes, then by their numbers. When the combined code fits in 31
   * bits the order comes from one primitive sort of (code, index) pairs; runs of equal codes
   * (repeated combinations) are then ordered by their numbers.
   */
  private static int[] sortedOrder(List<Leaf> leaves, int[][] raw) {
    int size = leaves.size();
    int dims = raw.length;
    java.util.Comparator<Integer> byNumbers = (x, y) -> {
      Leaf lx = leaves.get(x);
      Leaf ly = leaves.get(y);
      int c = Double.compare(lx.real(), ly.real());
      if (c == 0) c = Double.compare(lx.predicted(), ly.predicted());
      if (c == 0) c = Double.compare(lx.realDenominator(), ly.realDenominator());
      if (c == 0) c = Double.compare(lx.predictedDenominator(), ly.predictedDenominator());
      return c;
    };
    long cells = 1;
    int[] cardinality = new int[dims];
    for (int a = 0; a < dims; a++) {
      for (int i = 0; i < size; i++) cardinality[a] = Math.max(cardinality[a], raw[a][i] + 1);
      cells = cells > Integer.MAX_VALUE ? cells : cells * Math.max(1, cardinality[a]);
    }
    if (cells <= Integer.MAX_VALUE) {
      long[] packed = new long[size];
      long[] key = new long[size];
      for (int i = 0; i < size; i++) {
        long k = 0;
        for (int a = 0; a < dims; a++) k = k * Math.max(1, cardinality[a]) + raw[a][i];
        key[i] = k;
        packed[i] = (k << 32) | i;
      }
      Arrays.sort(packed);
      int[] perm = new int[size];
      for (int i = 0; i < size; i++) perm[i] = (int) packed[i];
      for (int start = 0; start < size; ) {
        int end = start + 1;
        while (end < size && key[perm[end]] == key[perm[start]]) end++;
        if (end - start > 1) {
          Integer[] run = new Integer[end - start];
          for (int j = start; j < end; j++) run[j - start] = perm[j];
          Arrays.sort(run, byNumbers);
          for (int j = start; j < end; j++) perm[j] = run[j - start];
        }
        start = end;
      }
      return perm;
    }
    Integer[] perm = new Integer[size];
    for (int i = 0; i < size; i++) perm[i] = i;
    Arrays.sort(perm, (x, y) -> {
      for (int a = 0; a < dims; a++) {
        int c = Integer.compare(raw[a][x], raw[a][y]);
        if (c != 0) return c;
      }
      return byNumbers.compare(x, y);
    });
    return Arrays.stream(perm).mapToInt(Integer::intValue).toArray();
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
