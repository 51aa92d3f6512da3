package io.casefile.analysis.rootcause;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The telemetry of a time range in equal buckets, so the two windows of any split can be summed
 * without reading the store again: per own-time series and call edge the count, sum and sum of
 * squares of {@code ln(1 + ms)} per bucket; per log template its count per bucket; per gauge its
 * values with their bucket. Bucket {@code i} covers [start + i × width, start + (i + 1) × width).
 */
public final class Buckets {
  /** Per-bucket count, sum and sum of squares of one series. */
  static final class Moments {
    final long[] n;
    final double[] sum;
    final double[] sq;

    Moments(int buckets) {
      n = new long[buckets];
      sum = new double[buckets];
      sq = new double[buckets];
    }

    WindowStats window(int from, int to) {
      long count = 0;
      double s = 0;
      double q = 0;
      for (int i = Math.max(0, from); i < Math.min(to, n.length); i++) {
        count += n[i];
        s += sum[i];
        q += sq[i];
      }
      if (count == 0) {
        return WindowStats.EMPTY;
      }
      double mean = s / count;
      double var = count < 2 ? 0 : Math.max(0, (q - count * mean * mean) / (count - 1));
      return new WindowStats(count, mean, var);
    }
  }

  private record Template(String service, String template, int severity, long[] counts) {}

  private record Gauge(String service, String instance, String name, List<double[]> points) {}

  private record Pattern(String service, String operation, List<CallStep> steps, long[] counts) {}

  private record FlowTemplate(String flow, String service, String operation, String example, int severity, long[] counts) {}

  private final int size;
  private final long[] spansPerBucket;
  private final Map<List<String>, Moments> own = new TreeMap<>(Buckets::compare);
  private final Map<List<String>, Moments> calls = new TreeMap<>(Buckets::compare);
  private final Map<List<String>, Template> logs = new TreeMap<>(Buckets::compare);
  private final Map<List<String>, Gauge> gauges = new TreeMap<>(Buckets::compare);
  private final Map<List<String>, Pattern> patterns = new TreeMap<>(Buckets::compare);
  private final Map<List<String>, long[]> flows = new TreeMap<>(Buckets::compare);
  private final Map<List<String>, FlowTemplate> flowLogs = new TreeMap<>(Buckets::compare);

  public Buckets(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, got " + size);
    }
    this.size = size;
    this.spansPerBucket = new long[size];
  }

  public int size() {
    return size;
  }

  private boolean inRange(int bucket) {
    return bucket >= 0 && bucket < size;
  }

  /** Adds an own-time aggregate of a service operation in one bucket. */
  public void ownTime(String service, String operation, int bucket, long n, double sum, double sumOfSquares) {
    add(own, List.of(service, operation), bucket, n, sum, sumOfSquares);
  }

  /** Adds a call-gap aggregate of a caller and callee in one bucket. */
  public void call(String caller, String callee, int bucket, long n, double sum, double sumOfSquares) {
    if (!caller.equals(callee)) {
      add(calls, List.of(caller, callee), bucket, n, sum, sumOfSquares);
    }
  }

  private void add(Map<List<String>, Moments> target, List<String> key, int bucket, long n, double sum, double sq) {
    if (!inRange(bucket) || n <= 0) {
      return;
    }
    Moments m = target.computeIfAbsent(key, k -> new Moments(size));
    m.n[bucket] += n;
    m.sum[bucket] += sum;
    m.sq[bucket] += sq;
    spansPerBucket[bucket] += n;
  }

  /** Adds a warning-or-worse log template's count in one bucket. */
  public void log(String service, String templateKey, String example, int severity, int bucket, long count) {
    if (!inRange(bucket)) {
      return;
    }
    Template t = logs.computeIfAbsent(List.of(service, templateKey),
        k -> new Template(service, example, severity, new long[size]));
    t.counts()[bucket] += count;
  }

  /** Adds a gauge value in one bucket. */
  public void gauge(String service, String instance, String name, int bucket, double value) {
    if (!inRange(bucket) || !Double.isFinite(value)) {
      return;
    }
    gauges.computeIfAbsent(List.of(service, instance == null ? "" : instance, name),
        k -> new Gauge(service, instance, name, new ArrayList<>())).points().add(new double[] {bucket, value});
  }

  /**
   * Adds {@code n} spans of a service operation in one bucket whose children made the calls
   * {@code steps}, in start order; repeats of the same step in a row count once.
   */
  public void callSequence(String service, String operation, List<CallStep> steps, int bucket, long n) {
    if (!inRange(bucket) || n <= 0) {
      return;
    }
    List<CallStep> collapsed = new ArrayList<>();
    for (CallStep step : steps) {
      if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(step)) {
        collapsed.add(step);
      }
    }
    List<String> key = new ArrayList<>(List.of(service, operation));
    for (CallStep step : collapsed) {
      key.add(step.callee() == null ? "" : step.callee());
      key.add(step.operation());
    }
    patterns.computeIfAbsent(key, k -> new Pattern(service, operation, List.copyOf(collapsed), new long[size]))
        .counts()[bucket] += n;
  }

  /** Adds the traces of a flow that began in one bucket and ran a service operation. */
  public void flowTraces(String flow, String service, String operation, int bucket, long n) {
    if (inRange(bucket) && n > 0) {
      flows.computeIfAbsent(List.of(flow, service, operation), k -> new long[size])[bucket] += n;
    }
  }

  /**
   * Adds the traces of a flow that began in one bucket and held a record of a log template on the
   * spans of a service operation.
   */
  public void flowLog(String flow, String service, String operation, String templateKey, String example, int severity,
      int bucket, long n) {
    if (inRange(bucket) && n > 0) {
      flowLogs.computeIfAbsent(List.of(flow, service, operation, templateKey),
          k -> new FlowTemplate(flow, service, operation, example, severity, new long[size])).counts()[bucket] += n;
    }
  }

  /**
   * The two windows [baselineFrom, split) and [split, end) as ranker input, with times in seconds of
   * {@code bucketSeconds} each. Span and log windows count from the first bucket that holds a span
   * (the store may hold only part of the baseline); gauges use the whole window.
   */
  public RootCauseInput window(int baselineFrom, int split, int end, double bucketSeconds) {
    return window(baselineFrom, split, split, end, bucketSeconds);
  }

  /** The windows [baselineFrom, baselineTo) and [split, end), as {@link #window(int, int, int, double)}. */
  public RootCauseInput window(int baselineFrom, int baselineTo, int split, int end, double bucketSeconds) {
    if (!(baselineFrom < baselineTo && baselineTo <= split && split < end)) {
      throw new IllegalArgumentException("windows must satisfy from < to <= split < end, got " + baselineFrom + ", "
          + baselineTo + ", " + split + ", " + end);
    }
    int firstData = baselineFrom;
    while (firstData < baselineTo - 1 && spansPerBucket[firstData] == 0) {
      firstData++;
    }
    List<OwnTime> o = new ArrayList<>();
    own.forEach((k, m) -> o.add(new OwnTime(k.get(0), k.get(1), m.window(baselineFrom, baselineTo), m.window(split, end))));
    List<CallGap> c = new ArrayList<>();
    calls.forEach((k, m) -> c.add(new CallGap(k.get(0), k.get(1), m.window(baselineFrom, baselineTo), m.window(split, end))));
    List<LogRate> l = new ArrayList<>();
    Map<List<String>, long[]> perService = new TreeMap<>(Buckets::compare);
    for (Template t : logs.values()) {
      long[] n = windows(t.counts(), baselineFrom, baselineTo, split, end);
      if (n[0] + n[1] > 0) {
        l.add(new LogRate(t.service(), t.template(), t.severity(), n[0], n[1]));
        if (t.severity() < LogRate.WARNING) {
          continue;
        }
        long[] sum = perService.computeIfAbsent(
            List.of(t.service(), t.severity() >= LogRate.ERROR ? "error" : "warning"), k -> new long[2]);
        sum[0] += n[0];
        sum[1] += n[1];
      }
    }
    // a fault's messages often vary too much for one template: the service's records of a level together
    perService.forEach((k, v) -> l.add(new LogRate(k.get(0), "(all " + k.get(1) + " records)",
        k.get(1).equals("error") ? LogRate.ERROR : LogRate.WARNING, v[0], v[1])));
    List<MetricWindow> g = new ArrayList<>();
    for (Gauge x : gauges.values()) {
      double[] b = x.points().stream().filter(p -> p[0] >= baselineFrom && p[0] < baselineTo).mapToDouble(p -> p[1]).toArray();
      double[] i = x.points().stream().filter(p -> p[0] >= split && p[0] < end).mapToDouble(p -> p[1]).toArray();
      g.add(new MetricWindow(x.service(), x.instance(), x.name(), b, i));
    }
    List<CallPattern> p = new ArrayList<>();
    for (Pattern x : patterns.values()) {
      long[] n = windows(x.counts(), baselineFrom, baselineTo, split, end);
      if (n[0] + n[1] > 0) {
        p.add(new CallPattern(x.service(), x.operation(), x.steps(), n[0], n[1]));
      }
    }
    List<FlowLog> f = new ArrayList<>();
    for (FlowTemplate x : flowLogs.values()) {
      long[] n = windows(x.counts(), baselineFrom, baselineTo, split, end);
      long[] traces = windows(flows.getOrDefault(List.of(x.flow(), x.service(), x.operation()), new long[size]),
          baselineFrom, baselineTo, split, end);
      if (n[0] + n[1] > 0) {
        f.add(new FlowLog(x.flow(), x.service(), x.operation(), x.example(), x.severity(), n[0], n[1], traces[0], traces[1]));
      }
    }
    return new RootCauseInput((baselineTo - firstData) * bucketSeconds, (end - split) * bucketSeconds, o, c, l, g, p, f);
  }

  /** Per-bucket counts summed over [baselineFrom, baselineTo) and [split, end). */
  private long[] windows(long[] counts, int baselineFrom, int baselineTo, int split, int end) {
    long[] n = new long[2];
    for (int x = Math.max(0, baselineFrom); x < Math.min(end, size); x++) {
      if (x < baselineTo) {
        n[0] += counts[x];
      } else if (x >= split) {
        n[1] += counts[x];
      }
    }
    return n;
  }

  /** The spans (own-time and call aggregates) in one bucket. */
  long spans(int bucket) {
    return inRange(bucket) ? spansPerBucket[bucket] : 0;
  }

  /** The buckets that hold spans or logs: where the traffic is, for choosing candidate splits. */
  public boolean hasTraffic(int bucket) {
    return inRange(bucket) && spansPerBucket[bucket] > 0;
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Objects.compare(a.get(i), b.get(i), String::compareTo);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
