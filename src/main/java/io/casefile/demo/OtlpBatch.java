package io.casefile.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one export interval's spans, log records and RED metrics per service instance, the way
 * a collector's batch processor does, and turns them into the three OTLP request bodies. Metrics
 * use delta temporality: each interval reports its own request counts and duration histograms.
 */
final class OtlpBatch {
  /** {@code http.server.request.duration} bucket bounds in seconds, as the semantic conventions advise. */
  static final List<Double> BOUNDS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  /** A running process of a service: what its resource attributes describe. */
  record Instance(String service, String region, String version) {}

  private record RouteKey(String method, String route, int status) {}

  private static final class Red {
    long count;
    double sum;
    final long[] buckets = new long[BOUNDS.size() + 1];
  }

  private final Map<Instance, List<Span>> spans = new LinkedHashMap<>();
  private final Map<Instance, List<LogRecord>> logs = new LinkedHashMap<>();
  private final Map<Instance, Map<RouteKey, Red>> red = new LinkedHashMap<>();
  private final Map<Instance, Resource> resources = new LinkedHashMap<>();

  void span(Instance instance, Span span) {
    spans.computeIfAbsent(instance, k -> new ArrayList<>()).add(span);
  }

  void log(Instance instance, LogRecord log) {
    logs.computeIfAbsent(instance, k -> new ArrayList<>()).add(log);
  }

  void request(Instance instance, String method, String route, int status, long durationNanos) {
    Red r = red.computeIfAbsent(instance, k -> new LinkedHashMap<>())
        .computeIfAbsent(new RouteKey(method, route, status), k -> new Red());
    double seconds = durationNanos / 1e9;
    r.count++;
    r.sum += seconds;
    int i = 0;
    while (i < BOUNDS.size() && seconds > BOUNDS.get(i)) {
      i++;
    }
    r.buckets[i]++;
  }

  /** The bodies of this interval, in send order (traces, logs, metrics), then starts empty. */
  List<byte[]> drain(long fromNanos, long toNanos) {
    var traces = ExportTraceServiceRequest.newBuilder();
    spans.forEach((inst, list) -> traces.addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource(inst))
        .addScopeSpans(ScopeSpans.newBuilder().setScope(scope(inst)).addAllSpans(list))));
    var logRequest = ExportLogsServiceRequest.newBuilder();
    logs.forEach((inst, list) -> logRequest.addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource(inst))
        .addScopeLogs(ScopeLogs.newBuilder().setScope(scope(inst)).addAllLogRecords(list))));
    var metrics = ExportMetricsServiceRequest.newBuilder();
    red.forEach((inst, routes) -> metrics.addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource(inst))
        .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope(inst))
            .addMetrics(durationMetric(routes, fromNanos, toNanos))
            .addMetrics(countMetric(routes, fromNanos, toNanos)))));
    spans.clear();
    logs.clear();
    red.clear();
    return List.of(traces.build().toByteArray(), logRequest.build().toByteArray(), metrics.build().toByteArray());
  }

  private static Metric durationMetric(Map<RouteKey, Red> routes, long from, long to) {
    var h = Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    routes.forEach((k, r) -> {
      var p = HistogramDataPoint.newBuilder().setStartTimeUnixNano(from).setTimeUnixNano(to)
          .addAllAttributes(routeAttributes(k)).setCount(r.count).setSum(r.sum).addAllExplicitBounds(BOUNDS);
      for (long c : r.buckets) {
        p.addBucketCounts(c);
      }
      h.addDataPoints(p);
    });
    return Metric.newBuilder().setName("http.server.request.duration").setUnit("s")
        .setDescription("Duration of HTTP server requests.").setHistogram(h).build();
  }

  private static Metric countMetric(Map<RouteKey, Red> routes, long from, long to) {
    var s = Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    routes.forEach((k, r) -> s.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(from)
        .setTimeUnixNano(to).addAllAttributes(routeAttributes(k)).setAsInt(r.count)));
    return Metric.newBuilder().setName("http.server.request.count").setUnit("{request}")
        .setDescription("Number of HTTP server requests.").setSum(s).build();
  }

  private static List<KeyValue> routeAttributes(RouteKey k) {
    return List.of(attr("http.request.method", k.method()), attr("http.route", k.route()),
        KeyValue.newBuilder().setKey("http.response.status_code")
            .setValue(AnyValue.newBuilder().setIntValue(k.status())).build());
  }

  private Resource resource(Instance inst) {
    return resources.computeIfAbsent(inst, i -> {
      String id = i.service() + "-" + i.region() + "-"
          + HexFormat.of().toHexDigits((int) VisitSource.mix(i.version().hashCode())).substring(0, 5);
      return Resource.newBuilder()
          .addAttributes(attr("service.name", i.service()))
          .addAttributes(attr("service.namespace", "shop"))
          .addAttributes(attr("service.version", i.version()))
          .addAttributes(attr("service.instance.id", id))
          .addAttributes(attr("deployment.environment.name", Shop.ENVIRONMENT))
          .addAttributes(attr("cloud.provider", "aws"))
          .addAttributes(attr("telemetry.sdk.name", "opentelemetry"))
          .addAttributes(attr("telemetry.sdk.language", "java"))
          .build();
    });
  }

  private static InstrumentationScope scope(Instance inst) {
    return InstrumentationScope.newBuilder().setName("shop." + inst.service()).setVersion(inst.version()).build();
  }

  static KeyValue attr(String key, String value) {
    String cacheKey = key + '\u0000' + value;
    KeyValue kv = ATTRIBUTES.get(cacheKey);
    if (kv == null) {
      kv = KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
      if (ATTRIBUTES.size() < 200_000) {
        ATTRIBUTES.put(cacheKey, kv);
      }
    }
    return kv;
  }

  /** Attribute values repeat a lot (regions, routes, user ids): build each pair once. */
  private static final Map<String, KeyValue> ATTRIBUTES = new java.util.concurrent.ConcurrentHashMap<>();

  static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  static ByteString bytes(byte[] b) {
    return ByteString.copyFrom(b);
  }
}
