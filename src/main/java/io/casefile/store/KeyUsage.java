package io.casefile.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How often each attribute key without a column of its own occurs, over a window of spans: the
 * Misra–Gries frequent-items summary (Misra and Gries, "Finding repeated elements", 1982) with a
 * fixed number of counters, so a flood of distinct keys costs bounded memory while every key in
 * more than {@code spans / counters} of the window's spans is kept. Each counter also keeps a
 * capped set of value hashes: the key's cardinality, up to {@link #DISTINCT_CAP}.
 *
 * <p>A key is a promotion candidate when it occurs in at least {@code minShare} of the window's
 * spans; candidates rank by occurrences, then by fewer distinct values, then by key.
 */
final class KeyUsage {
  static final int DISTINCT_CAP = 64;

  /** A key's use over the window just closed. */
  record Use(String key, long spans, int distinct) {}

  private static final class Counter {
    long count;
    Set<Integer> values = new HashSet<>();
  }

  private final int counters;
  private final long windowSpans;
  private final double minShare;
  private final Map<String, Counter> counts = new HashMap<>();
  private long spans;

  KeyUsage(int counters, long windowSpans, double minShare) {
    if (counters < 1 || windowSpans < 1 || !(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException("key usage needs positive counters and window, and a share in (0, 1]");
    }
    this.counters = counters;
    this.windowSpans = windowSpans;
    this.minShare = minShare;
  }

  synchronized void spans(int n) {
    spans += n;
  }

  synchronized void observe(String key, String value) {
    Counter c = counts.get(key);
    if (c == null) {
      if (counts.size() >= counters) {
        decrementAll();
        return;
      }
      c = new Counter();
      counts.put(key, c);
    }
    c.count++;
    if (c.values.size() < DISTINCT_CAP) {
      c.values.add(value == null ? 0 : value.hashCode());
    }
  }

  /** The Misra–Gries step for an uncounted key when every counter is taken. */
  private void decrementAll() {
    for (Iterator<Counter> it = counts.values().iterator(); it.hasNext(); ) {
      Counter c = it.next();
      if (--c.count == 0) {
        it.remove();
      }
    }
  }

  /** True once the window holds enough spans for a decision. */
  synchronized boolean due() {
    return spans >= windowSpans;
  }

  /** Closes the window: the keys used enough to deserve a column, best first; starts a new window. */
  synchronized List<Use> closeWindow() {
    long threshold = (long) Math.ceil(minShare * spans);
    List<Use> out = new ArrayList<>();
    counts.forEach((k, c) -> {
      if (c.count >= threshold) {
        out.add(new Use(k, c.count, c.values.size()));
      }
    });
    out.sort(Comparator.comparingLong((Use u) -> -u.spans()).thenComparingInt(Use::distinct)
        .thenComparing(Use::key));
    counts.clear();
    spans = 0;
    return out;
  }

  synchronized long windowSpans() {
    return spans;
  }

  /** Keys tracked in the open window (at most the number of counters). */
  synchronized int trackedKeys() {
    return counts.size();
  }

  long window() {
    return windowSpans;
  }

  double minShare() {
    return minShare;
  }

  int counters() {
    return counters;
  }
}
