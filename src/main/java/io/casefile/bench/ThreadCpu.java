package io.casefile.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process's CPU time by thread group, read from {@code /proc/PID/task} (Linux; empty elsewhere):
 * where a server's CPU goes, independent of how busy the rest of the machine is. Threads are
 * grouped by name: the ingest loader, its committer and its log writer, the request threads
 * (virtual-thread carriers), the garbage collector, the JIT compilers, and the threads native
 * code starts (DuckDB's, named after the JVM's main thread).
 */
final class ThreadCpu {
  static final List<String> GROUPS = List.of("loader", "commit", "requests", "ingest log", "GC", "JIT",
      "DuckDB and native", "other");

  private ThreadCpu() {}

  /** CPU seconds per thread (key: thread id and group) at this moment. */
  static Map<String, Double> snapshot(long pid) {
    Map<String, Double> out = new LinkedHashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = Files.readString(t.resolve("comm")).trim();
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.put(t.getFileName() + " " + group(name), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return out;
  }

  static String group(String threadName) {
    if (threadName.startsWith("casefile-loader")) {
      return "loader";
    } else if (threadName.startsWith("casefile-commit")) {
      return "commit";
    } else if (threadName.startsWith("casefile-ingest")) {
      return "ingest log";
    } else if (threadName.startsWith("ForkJoinPool")) {
      return "requests";
    } else if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
      return "GC";
    } else if (threadName.contains("CompilerThre")) {
      return "JIT";
    } else if (threadName.equals("java")) {
      return "DuckDB and native";
    }
    return "other";
  }

  /** CPU seconds of each group between two snapshots, in {@link #GROUPS} order. */
  static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> out = new LinkedHashMap<>();
    GROUPS.forEach(g -> out.put(g, 0.0));
    after.forEach((thread, cpu) -> out.merge(thread.substring(thread.indexOf(' ') + 1),
        cpu - before.getOrDefault(thread, 0.0), Double::sum));
    return out;
  }

  /** "loader 5.10, commit 1.45, …": microseconds of CPU per span in each group. */
  static String perSpan(Map<String, Double> groups, long spans) {
    StringBuilder sb = new StringBuilder();
    groups.forEach((g, cpu) -> sb.append(sb.isEmpty() ? "" : ", ").append(g).append(' ')
        .append(String.format(java.util.Locale.ROOT, "%.2f", spans == 0 ? 0 : cpu / spans * 1e6)));
    return sb.toString();
  }
}
