package io.casefile.server;

import java.util.Locale;

/**
 * The server's memory budget ({@code casefile serve --memory}) and its split: three eighths for the
 * JVM heap (the {@code casefile} launcher passes it as {@code -Xmx}), half for DuckDB's
 * {@code memory_limit} (its buffer pool; larger work spills to disk), and the last eighth for the
 * JVM's own native memory (code, metaspace, thread stacks, I/O buffers). A quarter of the heap
 * holds the ingest queue: requests waiting to be logged and loaded, counted in bytes as well as
 * rows.
 */
public record MemoryBudget(long bytes) {
  /** 2 GiB: a small machine or container. */
  public static final long DEFAULT_BYTES = 2L << 30;
  static final long MIN_BYTES = 256L << 20;

  public MemoryBudget {
    if (bytes < MIN_BYTES) {
      throw new IllegalArgumentException("--memory must be at least 256m, got " + bytes + " bytes");
    }
  }

  /** The JVM heap share (-Xmx). */
  public long heapBytes() {
    return bytes / 8 * 3;
  }

  /** DuckDB's memory_limit. */
  public long duckDbBytes() {
    return bytes / 2;
  }

  /** The ingest queue's capacity in bytes, within the heap this JVM really has. */
  public long queueBytes(long maxHeap) {
    return Math.max(16L << 20, Math.min(heapBytes(), maxHeap) / 4);
  }

  /** Parses a size like {@code 2g}, {@code 1536m}, {@code 4GiB} or a number of bytes. */
  public static long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
    long unit = 1;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        case 't' -> unit = 1L << 40;
        default -> unit = 1;
      }
      if (unit > 1) {
        t = t.substring(0, t.length() - 1);
      }
    }
    try {
      long n = Long.parseLong(t.trim());
      if (n <= 0 || n > Long.MAX_VALUE / unit) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--memory must be a size like 512m, 2g or 4GiB, got '" + text + "'");
    }
  }
}
