package io.casefile.bench;

import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReaders;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where an investigation's time goes: hands out the source's readers wrapped so that every read
 * (one method of {@link TelemetryReader}, one step's data) adds its wall time and the process's CPU
 * time (JVM and DuckDB's threads together, so a figure that varies little with the machine's load)
 * to a per-read tally. Reads that overlap (the root-cause read runs beside the symptom's) each count
 * their whole wall time and all the process's CPU time meanwhile, so the steps may add up to more
 * than the whole.
 */
final class StepTimes implements TelemetryReaders {
  /** One read's totals. */
  record Step(String read, int calls, double wallSeconds, double cpuSeconds) {}

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final TelemetryReaders source;
  private final Map<String, double[]> tally = new TreeMap<>();

  StepTimes(TelemetryReaders source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** CPU seconds the whole process has used so far. */
  static double processCpuSeconds() {
    return OS.getProcessCpuTime() / 1e9;
  }

  @Override
  public <T> T withReader(Function<TelemetryReader, T> work) {
    return source.withReader(reader -> work.apply(timed(reader)));
  }

  /** Forgets what was tallied so far (the warm-up). */
  synchronized void reset() {
    tally.clear();
  }

  /** The reads, most wall time first. */
  synchronized List<Step> steps() {
    List<Step> out = new ArrayList<>();
    tally.forEach((k, v) -> out.add(new Step(k, (int) v[2], v[0], v[1])));
    out.sort((a, b) -> Double.compare(b.wallSeconds(), a.wallSeconds()));
    return out;
  }

  /**
   * One line per read, averaged over {@code runs}, and last what the reads leave of the runs'
   * {@code wallSeconds} and {@code cpuSeconds}: the analysis in memory.
   */
  String describe(int runs, double wallSeconds, double cpuSeconds) {
    StringBuilder b = new StringBuilder();
    double wall = wallSeconds;
    double cpu = cpuSeconds;
    for (Step s : steps()) {
      b.append(String.format(Locale.ROOT, "  %-20s %3d reads %9.3f s wall %9.3f s CPU%n", s.read(),
          s.calls() / runs, s.wallSeconds() / runs, s.cpuSeconds() / runs));
      wall -= s.wallSeconds();
      cpu -= s.cpuSeconds();
    }
    b.append(String.format(Locale.ROOT, "  %-20s %9s %9.3f s wall %9.3f s CPU%n", "(in memory)", "",
        Math.max(0, wall / runs), Math.max(0, cpu / runs)));
    return b.toString();
  }

  private TelemetryReader timed(TelemetryReader reader) {
    return (TelemetryReader) Proxy.newProxyInstance(TelemetryReader.class.getClassLoader(),
        new Class<?>[] {TelemetryReader.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class || method.getReturnType() != Measured.class) {
            return invoke(reader, method, args);
          }
          long wall = System.nanoTime();
          long cpu = OS.getProcessCpuTime();
          try {
            return invoke(reader, method, args);
          } finally {
            add(method.getName(), (System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
          }
        });
  }

  private synchronized void add(String read, double wall, double cpu) {
    double[] v = tally.computeIfAbsent(read, k -> new double[3]);
    v[0] += wall;
    v[1] += cpu;
    v[2]++;
  }

  private static Object invoke(TelemetryReader reader, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(reader, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
