package io.casefile.analysis.localize;

import java.util.HashMap;
import java.util.Map;

/**
 * The leaves of a table grouped by the elements of one cuboid: element ids are compact, numbered
 * in the order of their first leaf, and each element keeps one representative leaf for its values.
 */
final class Grouping {
  final int[] cuboid;
  /** element id of every leaf. */
  final int[] elementOf;
  /** representative[element] = the first leaf of the element. */
  final int[] representative;

  private Grouping(int[] cuboid, int[] elementOf, int[] representative) {
    this.cuboid = cuboid;
    this.elementOf = elementOf;
    this.representative = representative;
  }

  static Grouping of(LeafTable table, int[] cuboid) {
    int n = table.size;
    long[] keys = new long[n];
    long stride = 1;
    for (int k = cuboid.length - 1; k >= 0; k--) {
      int[] col = table.codes[cuboid[k]];
      for (int i = 0; i < n; i++) {
        keys[i] += col[i] * stride;
      }
      stride = Math.multiplyExact(stride, (long) table.cardinality(cuboid[k]));
    }
    int[] elementOf = new int[n];
    int count = 0;
    int[] reps;
    if (stride <= Math.max(1L << 16, 4L * n)) {
      int[] ids = new int[(int) stride];
      java.util.Arrays.fill(ids, -1);
      reps = new int[n];
      for (int i = 0; i < n; i++) {
        int key = (int) keys[i];
        if (ids[key] < 0) {
          ids[key] = count;
          reps[count++] = i;
        }
        elementOf[i] = ids[key];
      }
    } else {
      Map<Long, Integer> ids = new HashMap<>();
      reps = new int[n];
      for (int i = 0; i < n; i++) {
        Integer id = ids.get(keys[i]);
        if (id == null) {
          id = count;
          ids.put(keys[i], id);
          reps[count++] = i;
        }
        elementOf[i] = id;
      }
    }
    return new Grouping(cuboid, elementOf, java.util.Arrays.copyOf(reps, count));
  }

  int elements() {
    return representative.length;
  }
}
