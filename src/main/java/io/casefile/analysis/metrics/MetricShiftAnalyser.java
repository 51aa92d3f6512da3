package io.casefile.analysis.metrics;

import io.casefile.model.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranks the metrics of a service by how far their incident-window values moved from the baseline.
 * Each series is turned into per-point observations (a monotonic sum into a per-second rate, a
 * non-monotonic sum or a gauge into its level, a histogram into the mean, the p99 and the rate of
 * what it observed since its previous point), those are aggregated per time bucket across the
 * series of a metric name, and the incident buckets' median is compared with the baseline buckets'
 * median in units of the baseline's MAD. Storage keeps no temporality, so a sum or histogram whose
 * values never decrease is read as cumulative.
 */
public final class MetricShiftAnalyser {

  public record Options(long bucketSeconds, double minAbsZ, int minBaselineBuckets, int limit) {
    public Options {
      if (bucketSeconds < 1 || minAbsZ < 0 || minBaselineBuckets < 1 || limit < 1) {
        throw new IllegalArgumentException("metric shift options out of range: bucketSeconds="
            + bucketSeconds + " minAbsZ=" + minAbsZ + " minBaselineBuckets=" + minBaselineBuckets
            + " limit=" + limit);
      }
    }

    public static Options defaults() {
      return new Options(10, 3.5, 3, 10);
    }
  }

  private final Options options;

  public MetricShiftAnalyser(Options options) {
    this.options = options;
  }

  public MetricShiftAnalyser() {
    this(Options.defaults());
  }

  private record Key(String name, String stat) {}

  /** Per (name, stat), per bucket: per-series running means (rate, value) or merged deltas. */
  private static final class Cell {
    final Map<String, double[]> perSeries = new TreeMap<>(); // series -> {sum, n}
    HistogramDelta merged;
    boolean mixedBounds;
  }

  /** Statistics that moved, largest |z| first; empty when nothing moved. */
  public List<MetricShift> analyse(List<MetricPoint> points, TimeRange baseline, TimeRange incident) {
    Map<String, List<MetricPoint>> bySeries = new TreeMap<>();
    for (MetricPoint p : points) {
      bySeries.computeIfAbsent(p.name() + '\u0000' + p.series(), k -> new ArrayList<>()).add(p);
    }
    Map<Key, TreeMap<Long, Cell>> cells = new TreeMap<>(
        Comparator.comparing(Key::name).thenComparing(Key::stat));
    Map<String, String> units = new HashMap<>();
    Map<String, Integer> seriesCount = new HashMap<>();
    Map<Key, Boolean> sumAcross = new HashMap<>();
    for (List<MetricPoint> series : bySeries.values()) {
      series.sort(Comparator.comparing(MetricPoint::time));
      MetricPoint first = series.get(0);
      units.put(first.name(), first.unit());
      seriesCount.merge(first.name(), 1, Integer::sum);
      Observer obs = (t, stat, v, across) -> {
        if (!Double.isFinite(v)) {
          return;
        }
        Key k = new Key(first.name(), stat);
        sumAcross.put(k, across);
        double[] acc = cell(cells, k, t).perSeries.computeIfAbsent(first.series(), s -> new double[2]);
        acc[0] += v;
        acc[1]++;
      };
      switch (first.kind()) {
        case GAUGE -> series.forEach(p -> obs.accept(p.time(), "value", p.value(), false));
        case SUM -> observeSum(series, obs);
        case HISTOGRAM -> observeHistogram(series, obs, cells);
      }
    }
    List<MetricShift> out = new ArrayList<>();
    cells.forEach((key, buckets) -> {
      List<Double> base = new ArrayList<>();
      List<Double> inc = new ArrayList<>();
      buckets.forEach((bucket, cell) -> {
        Instant start = Instant.ofEpochSecond(bucket * options.bucketSeconds());
        double v = value(key, cell, sumAcross.getOrDefault(key, false));
        if (Double.isNaN(v)) {
          return;
        }
        if (baseline.contains(start)) {
          base.add(v);
        } else if (incident.contains(start)) {
          inc.add(v);
        }
      });
      if (base.size() < options.minBaselineBuckets() || inc.isEmpty()) {
        return;
      }
      double[] b = base.stream().mapToDouble(Double::doubleValue).toArray();
      double[] i = inc.stream().mapToDouble(Double::doubleValue).toArray();
      double bm = RobustStats.median(b);
      double mad = RobustStats.mad(b);
      double im = RobustStats.median(i);
      double z = RobustStats.z(im, bm, mad);
      if (Math.abs(z) >= options.minAbsZ()) {
        String unit = key.stat().equals("rate") ? "1/s" : units.getOrDefault(key.name(), "");
        out.add(new MetricShift(key.name(), key.stat(), unit, bm, mad, im, z, b.length, i.length,
            seriesCount.getOrDefault(key.name(), 0)));
      }
    });
    out.sort(Comparator.comparingDouble((MetricShift s) -> -Math.abs(s.z()))
        .thenComparing(MetricShift::name).thenComparing(MetricShift::stat));
    return List.copyOf(out.subList(0, Math.min(out.size(), options.limit())));
  }

  @FunctionalInterface
  private interface Observer {
    void accept(Instant t, String stat, double value, boolean sumAcrossSeries);
  }

  private Cell cell(Map<Key, TreeMap<Long, Cell>> cells, Key k, Instant t) {
    long bucket = Math.floorDiv(t.getEpochSecond(), options.bucketSeconds());
    return cells.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(bucket, x -> new Cell());
  }

  private static double value(Key key, Cell cell, boolean sumAcross) {
    if (key.stat().equals("p99")) {
      return cell.merged == null ? Double.NaN : cell.merged.quantile(0.99);
    }
    if (key.stat().equals("mean")) {
      return cell.merged == null || cell.merged.count() == 0
          ? Double.NaN : cell.merged.sum() / cell.merged.count();
    }
    double total = 0;
    for (double[] acc : cell.perSeries.values()) {
      total += acc[0] / acc[1];
    }
    return sumAcross ? total : total / cell.perSeries.size();
  }

  private static void observeSum(List<MetricPoint> series, Observer obs) {
    boolean monotonic = true;
    for (int i = 1; i < series.size() && monotonic; i++) {
      monotonic = series.get(i).value() >= series.get(i - 1).value();
    }
    if (!monotonic) {
      series.forEach(p -> obs.accept(p.time(), "value", p.value(), true));
      return;
    }
    for (int i = 1; i < series.size(); i++) {
      double dt = seconds(series.get(i - 1), series.get(i));
      if (dt > 0) {
        obs.accept(series.get(i).time(), "rate",
            (series.get(i).value() - series.get(i - 1).value()) / dt, true);
      }
    }
  }

  private void observeHistogram(List<MetricPoint> series, Observer obs,
      Map<Key, TreeMap<Long, Cell>> cells) {
    boolean cumulative = true;
    for (int i = 1; i < series.size() && cumulative; i++) {
      cumulative = series.get(i).count() >= series.get(i - 1).count();
    }
    String name = series.get(0).name();
    for (int i = cumulative ? 1 : 0; i < series.size(); i++) {
      MetricPoint p = series.get(i);
      HistogramDelta d = cumulative ? delta(series.get(i - 1), p)
          : new HistogramDelta(p.value(), p.count(), p.bounds(), p.bucketCounts());
      if (d == null || d.count() <= 0) {
        continue;
      }
      obs.accept(p.time(), "rate", i == 0 ? Double.NaN : d.count() / seconds(series.get(i - 1), p), true);
      for (String stat : List.of("mean", "p99")) {
        Cell c = cell(cells, new Key(name, stat), p.time());
        if (c.mixedBounds) {
          continue;
        }
        HistogramDelta merged = c.merged == null ? d : c.merged.plus(d);
        c.mixedBounds = merged == null;
        c.merged = merged;
      }
    }
  }

  /** The delta between two cumulative points; null when the buckets do not line up (a reset). */
  private static HistogramDelta delta(MetricPoint prev, MetricPoint p) {
    long[] a = prev.bucketCounts();
    long[] b = p.bucketCounts();
    if (a.length != b.length || !java.util.Arrays.equals(prev.bounds(), p.bounds())) {
      return null;
    }
    long[] d = new long[b.length];
    for (int i = 0; i < b.length; i++) {
      d[i] = b[i] - a[i];
      if (d[i] < 0) {
        return null;
      }
    }
    return new HistogramDelta(p.value() - prev.value(), p.count() - prev.count(), p.bounds(), d);
  }

  private static double seconds(MetricPoint a, MetricPoint b) {
    return (b.time().toEpochMilli() - a.time().toEpochMilli()) / 1000.0;
  }
}
