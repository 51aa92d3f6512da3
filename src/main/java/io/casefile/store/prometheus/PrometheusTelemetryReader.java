package io.casefile.store.prometheus;

import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.signature.SignatureCount;
import io.casefile.store.TelemetryReader;
import io.casefile.store.Measured;
import io.casefile.model.SignalSpec;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.prometheus.PrometheusClient.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request-metrics half of an investigation read from a Prometheus-compatible backend, with
 * the aggregation pushed down as PromQL: {@code sum by (…) (increase(…))} for requests and errors,
 * {@code histogram_quantile} for latency, the duration histogram's buckets for "slower than".
 * Change events come from Casefile's own store. Metrics hold no traces and no user ids: those
 * answers are unavailable (a null value with the reason), never a made-up zero. Every answer
 * carries the PromQL and the time it was evaluated at.
 */
public final class PrometheusTelemetryReader implements TelemetryReader {
  /** Labels that describe where a series was scraped, not the request. */
  private static final Set<String> SCRAPE_LABELS = Set.of("__name__", "job", "instance", "le", "otel_scope_name",
      "otel_scope_version", "span_kind", PromWindows.PART);
  private static final List<String> SIGNATURE_ATTRIBUTES = List.of("http.response.status_code", "rpc.grpc.status_code",
      "error.type", "exception.type");

  /** The start of "any time": VictoriaMetrics reads a zero start as unset (the last day only). */
  private static final Instant ANY_TIME = Instant.ofEpochSecond(1);

  private final PrometheusClient client;
  private final MetricsMapping mapping;
  private final ChangeSource changes;
  private volatile Map<Double, String> bucketBounds;

  /** Reads request metrics through {@code client} as {@code mapping} says; change events from {@code changes}. */
  public PrometheusTelemetryReader(PrometheusClient client, MetricsMapping mapping, ChangeSource changes) {
    this.client = Objects.requireNonNull(client, "client");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.changes = Objects.requireNonNull(changes, "changes");
  }

  @Override
  public String name() {
    return "prometheus " + client.base();
  }

  public MetricsMapping mapping() {
    return mapping;
  }

  // ---- selectors

  private Map<String, String> flowMatchers(Flow flow) {
    Map<String, String> eq = new LinkedHashMap<>();
    if (flow != null) {
      eq.put(mapping.service(), flow.service());
      List<String> op = mapping.operation();
      String[] parts = flow.operation().split(" ", op.size());
      for (int i = 0; i < op.size(); i++) {
        eq.put(op.get(i), i < parts.length ? parts[i] : "");
      }
    }
    return eq;
  }

  private String requests(Flow flow, Map<String, String> cohort) {
    Map<String, String> eq = flowMatchers(flow);
    new TreeMap<>(cohort).forEach((a, v) -> eq.put(mapping.labelOf(a), NONE.equals(v) ? "" : v));
    return PromQl.selector(mapping.requests(), eq, mapping.filter());
  }

  private String errors(Flow flow, Map<String, String> cohort) {
    Map<String, String> re = new LinkedHashMap<>(mapping.filter());
    re.put(mapping.errorLabel(), mapping.errorMatches());
    Map<String, String> eq = flowMatchers(flow);
    new TreeMap<>(cohort).forEach((a, v) -> eq.put(mapping.labelOf(a), NONE.equals(v) ? "" : v));
    return PromQl.selector(mapping.requests(), eq, re);
  }

  private String bucket(Flow flow, String le) {
    Map<String, String> eq = flowMatchers(flow);
    if (le != null) {
      eq.put("le", le);
    }
    return PromQl.selector(mapping.durationBuckets(), eq, mapping.filter());
  }

  /** The bad-request part over a window: errors, or requests above the histogram bucket holding the threshold. */
  private String bad(PromWindows w, TimeRange window, Flow flow, Bad bad, List<String> by) {
    if (!bad.isLatency()) {
      return w.increase(window, errors(flow, Map.of()), null, by);
    }
    return w.increase(window, bucket(flow, "+Inf"), bucket(flow, boundFor(bad.thresholdMicros() / 1000.0)), by);
  }

  /**
   * The {@code le} of the smallest bucket bound at or above {@code ms} (the largest finite one when
   * none is): "slower than the threshold" is read at the histogram's resolution.
   */
  private String boundFor(double ms) {
    Map<Double, String> bounds = bucketBounds;
    if (bounds == null) {
      bounds = new TreeMap<>();
      for (String le : client.labelValues("le", PromQl.selector(mapping.durationBuckets(), Map.of(), mapping.filter()),
          ANY_TIME, TimeRange.LATEST)) {
        try {
          double v = Double.parseDouble(le.replace("+Inf", "Infinity"));
          if (Double.isFinite(v)) {
            bounds.put(v * mapping.durationUnitMs(), le);
          }
        } catch (NumberFormatException e) {
          // not a bound: a series with a malformed le is left out of "slower than"
        }
      }
      if (bounds.isEmpty()) {
        throw new IllegalArgumentException("no buckets of " + mapping.durationBuckets() + " at " + client.base()
            + ": latency needs the duration histogram");
      }
      bucketBounds = bounds;
    }
    String last = null;
    for (var e : bounds.entrySet()) {
      last = e.getValue();
      if (e.getKey() >= ms) {
        return e.getValue();
      }
    }
    return last;
  }

  private static String evidence(Instant at, String promql) {
    return "-- PromQL at " + at + "\n" + promql;
  }

  private static String evidence(Instant start, Instant end, Duration step, String promql) {
    return "-- PromQL from " + start + " to " + end + " step " + PromQl.duration(step) + "\n" + promql;
  }

  private static long count(double v) {
    return Double.isNaN(v) || v < 0 ? 0 : Math.round(v);
  }

  // ---- series

  private int requireBucket(TimeRange range, Duration bucket) {
    long b = bucket.toMillis();
    if (b % mapping.step().toMillis() != 0) {
      throw new IllegalArgumentException("bucket " + PromQl.duration(bucket) + " must be a multiple of the metrics' "
          + PromQl.duration(mapping.step()) + " step");
    }
    return (int) Math.ceil((double) range.length().toMillis() / b);
  }

  @Override
  public Measured<BucketSeries> series(Flow flow, Map<String, String> cohort, TimeRange range, Duration bucket,
      SignalSpec signal) {
    int n = requireBucket(range, bucket);
    Map<String, String> c = cohort == null ? Map.of() : cohort;
    String w = "[" + PromQl.duration(bucket) + "]";
    StringBuilder q = new StringBuilder()
        .append("label_replace(sum(increase(").append(requests(flow, c)).append(w).append(")), \"")
        .append(PromWindows.PART).append("\", \"requests\", \"\", \"\")\n  or label_replace(sum(increase(")
        .append(errors(flow, c)).append(w).append(")), \"").append(PromWindows.PART).append("\", \"errors\", \"\", \"\")");
    if (signal.isLatency()) {
      Map<String, String> eq = flowMatchers(flow);
      new TreeMap<>(c).forEach((a, v) -> eq.put(mapping.labelOf(a), NONE.equals(v) ? "" : v));
      q.append("\n  or label_replace(histogram_quantile(").append(signal.quantile()).append(", sum by (le) (increase(")
          .append(PromQl.selector(mapping.durationBuckets(), eq, mapping.filter())).append(w).append("))) * ")
          .append(mapping.durationUnitMs()).append(", \"").append(PromWindows.PART).append("\", \"value_ms\", \"\", \"\")");
    }
    Instant start = range.from().plus(bucket);
    Instant end = range.from().plus(bucket.multipliedBy(n));
    long[] req = new long[n];
    long[] err = new long[n];
    double[] val = new double[n];
    Arrays.fill(val, Double.NaN);
    for (Series s : client.queryRange(q.toString(), start, end, bucket)) {
      String part = s.labels().getOrDefault(PromWindows.PART, "");
      for (int i = 0; i < s.timesMs().length; i++) {
        int b = (int) ((s.timesMs()[i] - range.from().toEpochMilli()) / bucket.toMillis()) - 1;
        if (b < 0 || b >= n) {
          continue;
        }
        switch (part) {
          case "requests" -> req[b] = count(s.values()[i]);
          case "errors" -> err[b] = count(s.values()[i]);
          case "value_ms" -> val[b] = s.values()[i];
          default -> { }
        }
      }
    }
    for (int b = 0; b < n; b++) {
      err[b] = Math.min(err[b], req[b]);
      val[b] = req[b] == 0 || !Double.isFinite(val[b]) ? Double.NaN : val[b];
    }
    return new Measured<>(new BucketSeries(range.from(), bucket, req, err, val),
        evidence(start, end, bucket, q.toString()));
  }

  @Override
  public Measured<List<FlowSeries>> flowSeries(TimeRange range, Duration bucket, int maxFlows) {
    int n = requireBucket(range, bucket);
    List<String> by = mapping.flowLabels();
    String w = "[" + PromQl.duration(bucket) + "]";
    String q = "label_replace(sum" + PromQl.by(by) + "(increase(" + requests(null, Map.of()) + w + ")), \""
        + PromWindows.PART + "\", \"requests\", \"\", \"\")\n  or label_replace(sum" + PromQl.by(by) + "(increase("
        + errors(null, Map.of()) + w + ")), \"" + PromWindows.PART + "\", \"errors\", \"\", \"\")";
    Instant start = range.from().plus(bucket);
    Instant end = range.from().plus(bucket.multipliedBy(n));
    Map<Flow, long[][]> acc = new TreeMap<>(Comparator.comparing(Flow::toString));
    for (Series s : client.queryRange(q, start, end, bucket)) {
      Flow f = flowOf(s.labels());
      if (f == null) {
        continue;
      }
      long[][] a = acc.computeIfAbsent(f, k -> new long[2][n]);
      int row = "errors".equals(s.labels().get(PromWindows.PART)) ? 1 : 0;
      for (int i = 0; i < s.timesMs().length; i++) {
        int b = (int) ((s.timesMs()[i] - range.from().toEpochMilli()) / bucket.toMillis()) - 1;
        if (b >= 0 && b < n) {
          a[row][b] = count(s.values()[i]);
        }
      }
    }
    List<Map.Entry<Flow, long[][]>> busiest = new ArrayList<>(acc.entrySet());
    busiest.removeIf(e -> Arrays.stream(e.getValue()[0]).sum() == 0);
    busiest.sort(Comparator.comparingLong((Map.Entry<Flow, long[][]> e) -> -Arrays.stream(e.getValue()[0]).sum())
        .thenComparing(e -> e.getKey().service()).thenComparing(e -> e.getKey().operation()));
    List<FlowSeries> out = new ArrayList<>();
    busiest.subList(0, Math.min(maxFlows, busiest.size())).stream()
        .sorted(Comparator.comparing((Map.Entry<Flow, long[][]> e) -> e.getKey().service())
            .thenComparing(e -> e.getKey().operation()))
        .forEach(e -> {
          long[] r = e.getValue()[0];
          long[] x = e.getValue()[1];
          for (int b = 0; b < n; b++) {
            x[b] = Math.min(x[b], r[b]);
          }
          // metrics do not say which requests start at the edge: no flow is marked as an entry
          out.add(new FlowSeries(e.getKey(), false, new BucketSeries(range.from(), bucket, r, x, null)));
        });
    return new Measured<>(out, evidence(start, end, bucket, q));
  }

  private Flow flowOf(Map<String, String> labels) {
    String service = labels.get(mapping.service());
    List<String> op = new ArrayList<>();
    for (String l : mapping.operation()) {
      String v = labels.get(l);
      if (v != null && !v.isEmpty()) {
        op.add(v);
      }
    }
    if (service == null || service.isBlank() || op.isEmpty()) {
      return null;
    }
    return new Flow(service, String.join(" ", op));
  }

  @Override
  public Measured<List<Flow>> flows() {
    String match = PromQl.selector(mapping.requests(), Map.of(), mapping.filter());
    Set<Flow> out = new TreeSet<>(Comparator.comparing(Flow::service).thenComparing(Flow::operation));
    for (Map<String, String> s : client.series(match, ANY_TIME, TimeRange.LATEST)) {
      Flow f = flowOf(s);
      if (f != null) {
        out.add(f);
      }
    }
    return new Measured<>(List.copyOf(out), "-- series API, match[] = " + match);
  }

  // ---- counts

  @Override
  public Measured<Counts> counts(Flow flow, TimeRange range, Bad bad, double quantile) {
    PromWindows w = new PromWindows(mapping.step());
    if (!w.covers(range)) {
      return new Measured<>(new Counts(0, 0, Double.NaN), "-- " + range.from() + " .. " + range.to()
          + " is shorter than one " + PromQl.duration(mapping.step()) + " step of the metrics");
    }
    Instant at = w.at(List.of(range));
    w.part("requests", w.increase(range, requests(flow, Map.of()), null, List.of()));
    w.part("bad", bad(w, range, flow, bad, List.of()));
    if (quantile > 0) {
      String b = w.increase(range, bucket(flow, null), null, List.of("le"));
      w.part("value_ms", "histogram_quantile(" + quantile + ", " + b + ") * " + mapping.durationUnitMs());
    }
    String q = w.query();
    Map<String, Double> parts = new HashMap<>();
    for (Series s : client.query(q, at)) {
      parts.put(s.labels().getOrDefault(PromWindows.PART, ""), s.last());
    }
    long requests = count(parts.getOrDefault("requests", 0.0));
    double value = parts.getOrDefault("value_ms", Double.NaN);
    return new Measured<>(new Counts(requests, Math.min(requests, count(parts.getOrDefault("bad", 0.0))),
        requests == 0 || !Double.isFinite(value) ? Double.NaN : value), evidence(at, q));
  }

  /** Labels that can be cohort dimensions: everything but the flow, the filter, the scrape and the failure's consequences. */
  private List<String> dimensionLabels(Flow flow, TimeRange range) {
    String match = requests(flow, Map.of());
    List<String> out = new ArrayList<>();
    for (String l : client.labels(match, range.from(), range.to())) {
      if (!SCRAPE_LABELS.contains(l) && !mapping.flowLabels().contains(l) && !mapping.filter().containsKey(l)
          && !l.equals(mapping.errorLabel()) && !consequence(mapping.attributeOf(l))) {
        out.add(l);
      }
    }
    out.sort(Comparator.comparing(mapping::attributeOf));
    return out;
  }

  private static boolean consequence(String attribute) {
    String a = attribute.toLowerCase(Locale.ROOT);
    return SIGNATURE_ATTRIBUTES.contains(a) || a.startsWith("exception.") || a.startsWith("otel.status_")
        || a.equals("error") || a.equals("error.message") || a.equals("status_code");
  }

  @Override
  public Measured<List<AttributeStat>> attributeStats(Flow flow, TimeRange range) {
    PromWindows w = new PromWindows(mapping.step());
    List<String> labels = dimensionLabels(flow, range);
    if (labels.isEmpty() || !w.covers(range)) {
      return new Measured<>(List.of(), "-- no dimension labels on " + requests(flow, Map.of()) + " between "
          + range.from() + " and " + range.to());
    }
    Instant at = w.at(List.of(range));
    String q = w.increase(range, requests(flow, Map.of()), null, labels);
    List<Series> rows = client.query(q, at);
    long n = 0;
    for (Series s : rows) {
      n += count(s.last());
    }
    List<AttributeStat> out = new ArrayList<>();
    for (String l : labels) {
      Set<String> distinct = new TreeSet<>();
      long present = 0;
      for (Series s : rows) {
        String v = s.labels().getOrDefault(l, "");
        long c = count(s.last());
        if (!v.isEmpty() && c > 0) {
          distinct.add(v);
          present += c;
        }
      }
      if (present > 0) {
        out.add(new AttributeStat(mapping.attributeOf(l), distinct.size() + (present < n ? 1 : 0), present, n));
      }
    }
    return new Measured<>(out, evidence(at, q));
  }

  /** Per group of {@code by}: requests and bad ones in the baseline and the incident window, one query. */
  private Map<Map<String, String>, long[]> windowCounts(Flow flow, List<String> by, TimeRange baseline,
      TimeRange incident, Bad bad, StringBuilder evidence) {
    PromWindows w = new PromWindows(mapping.step());
    List<TimeRange> windows = new ArrayList<>();
    for (TimeRange t : List.of(baseline, incident)) {
      if (w.covers(t)) {
        windows.add(t);
      }
    }
    Map<Map<String, String>, long[]> out = new TreeMap<>(Comparator.comparing(Object::toString));
    if (windows.isEmpty()) {
      evidence.append("-- both windows are shorter than one step");
      return out;
    }
    Instant at = w.at(windows);
    if (w.covers(baseline)) {
      w.part("0", w.increase(baseline, requests(flow, Map.of()), null, by)).part("1", bad(w, baseline, flow, bad, by));
    }
    if (w.covers(incident)) {
      w.part("2", w.increase(incident, requests(flow, Map.of()), null, by)).part("3", bad(w, incident, flow, bad, by));
    }
    String q = w.query();
    evidence.append(evidence(at, q));
    for (Series s : client.query(q, at)) {
      Map<String, String> key = new TreeMap<>(s.labels());
      int part = Integer.parseInt(key.remove(PromWindows.PART));
      out.computeIfAbsent(key, k -> new long[4])[part] = count(s.last());
    }
    out.values().removeIf(c -> c[0] == 0 && c[2] == 0);
    out.values().forEach(c -> {
      c[1] = Math.min(c[1], c[0]);
      c[3] = Math.min(c[3], c[2]);
    });
    return out;
  }

  @Override
  public Measured<List<ValueCount>> valueCounts(Flow flow, List<String> attributes, TimeRange baseline,
      TimeRange incident, Bad bad, int perAttribute) {
    if (attributes.isEmpty()) {
      return new Measured<>(List.of(), "-- no attributes");
    }
    List<ValueCount> out = new ArrayList<>();
    StringBuilder ev = new StringBuilder();
    for (String a : new TreeSet<>(attributes)) {
      String label = mapping.labelOf(a);
      Map<String, long[]> byValue = new TreeMap<>();
      for (var e : windowCounts(flow, List.of(label), baseline, incident, bad, ev.append(ev.isEmpty() ? "" : ";\n"))
          .entrySet()) {
        String v = e.getKey().getOrDefault(label, "");
        long[] acc = byValue.computeIfAbsent(v.isEmpty() ? NONE : v, k -> new long[4]);
        for (int i = 0; i < 4; i++) {
          acc[i] += e.getValue()[i];
        }
      }
      byValue.entrySet().stream()
          .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[3])
              .thenComparingLong(e -> -e.getValue()[2]).thenComparing(Map.Entry::getKey))
          .limit(perAttribute)
          .forEach(e -> out.add(new ValueCount(a, e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
              e.getValue()[3])));
    }
    return new Measured<>(out, ev.toString());
  }

  @Override
  public Measured<List<LeafCount>> leafCounts(Flow flow, List<Dimension> dimensions, TimeRange baseline,
      TimeRange incident, Bad bad) {
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException("leaf counts need at least one attribute");
    }
    List<String> labels = dimensions.stream().map(d -> mapping.labelOf(d.attribute())).toList();
    StringBuilder ev = new StringBuilder();
    Map<List<String>, long[]> leaves = new TreeMap<>(PrometheusTelemetryReader::compareValues);
    for (var e : windowCounts(flow, labels.stream().distinct().toList(), baseline, incident, bad, ev).entrySet()) {
      List<String> values = new ArrayList<>(dimensions.size());
      for (int i = 0; i < dimensions.size(); i++) {
        String v = e.getKey().getOrDefault(labels.get(i), "");
        v = v.isEmpty() ? NONE : v;
        List<String> kept = dimensions.get(i).values();
        values.add(kept.isEmpty() || kept.contains(v) ? v : OTHER);
      }
      long[] acc = leaves.computeIfAbsent(values, k -> new long[4]);
      for (int i = 0; i < 4; i++) {
        acc[i] += e.getValue()[i];
      }
    }
    List<LeafCount> out = new ArrayList<>();
    leaves.forEach((v, c) -> out.add(new LeafCount(v, c[0], c[1], c[2], c[3])));
    return new Measured<>(out, ev.toString());
  }

  private static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /**
   * Failed requests of the flow by the labels that carry a failure's signature (status codes,
   * error and exception types kept as dimensions), else by the error label itself. Metrics count
   * the flow's own failed requests; traces would also see the signatures of the spans below.
   */
  @Override
  public Measured<List<SignatureCount>> signatureCounts(Flow flow, TimeRange baseline, TimeRange incident) {
    TimeRange all = new TimeRange(baseline.from().isBefore(incident.from()) ? baseline.from() : incident.from(),
        baseline.to().isAfter(incident.to()) ? baseline.to() : incident.to());
    List<String> labels = new ArrayList<>();
    for (String l : client.labels(requests(flow, Map.of()), all.from(), all.to())) {
      if (SIGNATURE_ATTRIBUTES.contains(mapping.attributeOf(l))) {
        labels.add(l);
      }
    }
    if (labels.isEmpty()) {
      labels.add(mapping.errorLabel());
    }
    List<SignatureCount> out = new ArrayList<>();
    StringBuilder ev = new StringBuilder();
    for (String l : labels) {
      for (var e : windowCounts(flow, List.of(l), baseline, incident, Bad.ERRORS, ev.append(ev.isEmpty() ? "" : ";\n"))
          .entrySet()) {
        String v = e.getKey().getOrDefault(l, "");
        long[] c = e.getValue();
        if (!v.isEmpty() && (c[1] > 0 || c[3] > 0)) {
          out.add(new SignatureCount(mapping.attributeOf(l), v, c[1], c[3]));
        }
      }
    }
    out.sort(Comparator.comparing(SignatureCount::kind).thenComparing(SignatureCount::value));
    return new Measured<>(out, ev.toString());
  }

  @Override
  public Measured<List<ChangeEvent>> changes(Instant from, Instant to) {
    return changes.changes(from, to);
  }

  @Override
  public Measured<Set<String>> services(TimeRange range) {
    PromWindows w = new PromWindows(mapping.step());
    if (!w.covers(range)) {
      return new Measured<>(Set.of(), "-- shorter than one step");
    }
    Instant at = w.at(List.of(range));
    String q = w.increase(range, requests(null, Map.of()), null, List.of(mapping.service())) + " > 0";
    Set<String> out = new TreeSet<>();
    for (Series s : client.query(q, at)) {
      String v = s.labels().get(mapping.service());
      if (v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return new Measured<>(out, evidence(at, q));
  }

  @Override
  public Measured<Long> distinctUsers(Flow flow, TimeRange range, Bad bad) {
    return Measured.unavailable("users", name() + " holds request metrics, which carry no user ids");
  }

  @Override
  public Measured<ScopeCounts> scopeCounts(Flow flow, TimeRange range, Bad bad, String service,
      Map<String, String> attributes) {
    return Measured.unavailable("traces", name() + " holds request metrics, no traces to walk");
  }

  @Override
  public String toString() {
    return "request metrics from " + client.base() + " (" + mapping.requests() + ")";
  }
}
