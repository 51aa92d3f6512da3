package io.casefile.store.prometheus;

import io.casefile.store.SpanRow;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request spans turned into the series the OpenTelemetry Collector's spanmetrics connector
 * produces: a calls counter and a millisecond duration histogram per service, span name, kind,
 * status and configured dimension (dots become underscores), cumulative and sampled once per step
 * on the step grid, from a zero sample at the start. Written as OpenMetrics (seconds, for
 * {@code promtool tsdb create-blocks-from openmetrics}) or as the Prometheus text format with
 * millisecond timestamps (for VictoriaMetrics' {@code /api/v1/import/prometheus}).
 */
final class SpanMetricsSeries {
  /** The spanmetrics connector's default histogram bounds, in ms. */
  static final double[] BOUNDS_MS = {2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000};
  static final String CALLS = "traces_span_metrics_calls";
  static final String DURATION = "traces_span_metrics_duration_milliseconds";
  static final String HTTP_DURATION = "http_server_request_duration_seconds";

  private final Instant start;
  private final Duration step;
  private final int steps;
  private final List<String> dimensions;
  private final boolean histogram;
  /** OpenTelemetry HTTP server metrics (seconds, job/method/route/status labels) instead of spanmetrics. */
  private boolean httpServer;
  /** Per series (its labels): per step, the calls, then the count at or below each bound, then the sum in ms. */
  private final Map<Map<String, String>, double[][]> series = new TreeMap<>(java.util.Comparator.comparing(Object::toString));

  SpanMetricsSeries(Instant start, Instant end, Duration step, List<String> dimensions, boolean histogram) {
    if (start.toEpochMilli() % step.toMillis() != 0) {
      throw new IllegalArgumentException("series start must be on the step grid, got " + start);
    }
    this.start = start;
    this.step = step;
    this.steps = (int) Math.ceil((double) Duration.between(start, end).toMillis() / step.toMillis());
    this.dimensions = List.copyOf(dimensions);
    this.histogram = histogram;
  }

  /** Writes OpenTelemetry HTTP server duration histograms instead, as Prometheus names them (before any add). */
  SpanMetricsSeries asHttpServerMetrics() {
    if (!series.isEmpty()) {
      throw new IllegalStateException("choose the metric style before adding requests");
    }
    httpServer = true;
    return this;
  }

  int seriesCount() {
    return series.size();
  }

  /** Adds a request span; others (client, internal) are not requests. */
  void add(SpanRow s) {
    if (!s.request()) {
      return;
    }
    Map<String, String> labels = new TreeMap<>();
    if (httpServer) {
      String[] methodRoute = s.name().split(" ", 2);
      labels.put("job", s.service());
      labels.put("http_request_method", methodRoute[0]);
      labels.put("http_route", methodRoute.length > 1 ? methodRoute[1] : "");
    } else {
      labels.put("service_name", s.service());
      labels.put("span_name", s.name());
      labels.put("span_kind", s.kind() == 5 ? "SPAN_KIND_CONSUMER" : "SPAN_KIND_SERVER");
      labels.put("status_code", s.error() ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET");
    }
    for (String d : dimensions) {
      String v = s.attribute(d);
      if (v != null && !v.isEmpty()) {
        labels.put(MetricsMapping.underscore(d), v);
      }
    }
    add(labels, Instant.ofEpochSecond(s.startMicros() / 1_000_000, (s.startMicros() % 1_000_000) * 1000),
        s.durationMicros() / 1000.0, 1);
  }

  /** Adds {@code n} calls of {@code ms} each at {@code t} to the series with these labels. */
  void add(Map<String, String> labels, Instant t, double ms, long n) {
    int i = (int) Math.floorDiv(Duration.between(start, t).toMillis(), step.toMillis());
    if (i < 0 || i >= steps) {
      return;
    }
    double[][] s = series.computeIfAbsent(Map.copyOf(labels), k -> new double[steps][BOUNDS_MS.length + 2]);
    s[i][0] += n;
    for (int b = 0; b < BOUNDS_MS.length; b++) {
      if (ms <= BOUNDS_MS[b]) {
        s[i][1 + b] += n;
      }
    }
    s[i][BOUNDS_MS.length + 1] += ms * n;
  }

  void writeOpenMetrics(Writer out) throws IOException {
    write(out, true);
    out.write("# EOF\n");
  }

  void writePrometheusText(Writer out) throws IOException {
    write(out, false);
  }

  private void write(Writer out, boolean openMetrics) throws IOException {
    if (httpServer) {
      writeHistogram(out, HTTP_DURATION, 0.001, openMetrics);
      return;
    }
    out.write("# TYPE " + CALLS + " counter\n");
    for (var e : series.entrySet()) {
      writeSeries(out, CALLS + "_total", labels(e.getKey(), null), e.getValue(), 0, 1, openMetrics);
    }
    if (histogram) {
      writeHistogram(out, DURATION, 1, openMetrics);
    }
  }

  /** The duration histogram, bounds and sums scaled from ms by {@code unit}. */
  private void writeHistogram(Writer out, String name, double unit, boolean openMetrics) throws IOException {
    out.write("# TYPE " + name + " histogram\n");
    for (var e : series.entrySet()) {
      for (int b = 0; b < BOUNDS_MS.length; b++) {
        writeSeries(out, name + "_bucket", labels(e.getKey(), le(BOUNDS_MS[b] * unit)), e.getValue(), 1 + b, 1,
            openMetrics);
      }
      writeSeries(out, name + "_bucket", labels(e.getKey(), "+Inf"), e.getValue(), 0, 1, openMetrics);
      writeSeries(out, name + "_count", labels(e.getKey(), null), e.getValue(), 0, 1, openMetrics);
      writeSeries(out, name + "_sum", labels(e.getKey(), null), e.getValue(), BOUNDS_MS.length + 1, unit, openMetrics);
    }
  }

  private static String le(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : java.math.BigDecimal.valueOf(bound).toPlainString();
  }

  /** Cumulative samples at every step edge, from 0 at the start. */
  private void writeSeries(Writer out, String name, String labels, double[][] s, int col, double scale,
      boolean openMetrics) throws IOException {
    double total = 0;
    StringBuilder b = new StringBuilder();
    for (int k = 0; k <= steps; k++) {
      if (k > 0) {
        total += s[k - 1][col] * scale;
      }
      long ms = start.plus(step.multipliedBy(k)).toEpochMilli();
      b.append(name).append(labels).append(' ').append(number(total)).append(' ')
          .append(openMetrics ? Long.toString(ms / 1000) : Long.toString(ms)).append('\n');
    }
    out.write(b.toString());
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String labels(Map<String, String> labels, String le) {
    StringBuilder b = new StringBuilder("{");
    labels.forEach((k, v) -> b.append(b.length() == 1 ? "" : ",").append(k).append('=').append(PromQl.quote(v)));
    if (le != null) {
      b.append(b.length() == 1 ? "" : ",").append("le=\"").append(le).append('"');
    }
    return b.append('}').toString();
  }
}
