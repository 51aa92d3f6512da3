package io.casefile.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.casefile.demo.Payload;
import io.casefile.model.JsonCodec;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Nezha CSV files into OTLP/HTTP protobuf request bodies, as a collector would send them:
 * spans with {@code service.name} and {@code k8s.pod.name} (SERVER where a span is a root or its
 * parent runs in another pod, else INTERNAL; no status, no attributes), log records with the level
 * word of the text as severity, and per-pod gauges named after the CSV columns.
 */
final class NezhaOtlp {
  static final int BATCH = 1000;
  private static final Pattern LEVEL = Pattern.compile("\\b(ERROR|WARN|WARNING|INFO|DEBUG)\\b");
  private static final Pattern UNIT = Pattern.compile("^(.*?)\\((.*)\\)$");

  private NezhaOtlp() {}

  /** One span row, with times already shifted. */
  record Row(String traceId, String spanId, String parentId, String pod, String operation, long start, long end) {}

  /** Reads a trace file; {@code shiftNanos} is added to every time. Rows with bad ids are skipped. */
  static List<Row> spans(Path file, long shiftNanos) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = CsvLines.open(file)) {
      List<String> header = CsvLines.split(CsvLines.header(r.readLine(), file));
      int trace = CsvLines.column(header, "TraceID", file);
      int span = CsvLines.column(header, "SpanID", file);
      int parent = CsvLines.column(header, "ParentID", file);
      int pod = CsvLines.column(header, "PodName", file);
      int op = CsvLines.column(header, "OperationName", file);
      int start = CsvLines.column(header, "StartTimeUnixNano", file);
      int end = CsvLines.column(header, "EndTimeUnixNano", file);
      String line;
      while ((line = r.readLine()) != null) {
        List<String> f = CsvLines.split(line);
        if (f.size() <= Math.max(end, Math.max(op, pod)) || !hex(f.get(trace), 32) || !hex(f.get(span), 16)) {
          continue;
        }
        try {
          rows.add(new Row(f.get(trace), f.get(span), f.get(parent), f.get(pod), f.get(op),
              Long.parseLong(f.get(start)) + shiftNanos, Long.parseLong(f.get(end)) + shiftNanos));
        } catch (NumberFormatException e) {
          // a truncated row: the upstream files have a few
        }
      }
    }
    return rows;
  }

  /** Trace request bodies for the rows, grouped by pod, at most {@link #BATCH} spans each. */
  static void traces(List<Row> rows, Consumer<Payload> out) {
    Map<String, String> podOfSpan = new HashMap<>();
    for (Row r : rows) {
      podOfSpan.put(r.traceId() + r.spanId(), r.pod());
    }
    Map<String, List<Span>> byPod = new LinkedHashMap<>();
    for (Row r : rows) {
      boolean root = r.parentId().equals("root") || !hex(r.parentId(), 16);
      String parentPod = root ? null : podOfSpan.get(r.traceId() + r.parentId());
      Span.Builder s = Span.newBuilder()
          .setTraceId(bytes(r.traceId())).setSpanId(bytes(r.spanId()))
          .setName(r.operation())
          .setKind(root || !r.pod().equals(parentPod) ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_INTERNAL)
          .setStartTimeUnixNano(r.start()).setEndTimeUnixNano(Math.max(r.start(), r.end()));
      if (!root) {
        s.setParentSpanId(bytes(r.parentId()));
      }
      List<Span> spans = byPod.computeIfAbsent(r.pod(), k -> new ArrayList<>());
      spans.add(s.build());
      if (spans.size() == BATCH) {
        out.accept(traceBody(r.pod(), spans, r.start()));
        spans.clear();
      }
    }
    byPod.forEach((pod, spans) -> {
      if (!spans.isEmpty()) {
        out.accept(traceBody(pod, spans, spans.get(0).getStartTimeUnixNano()));
      }
    });
  }

  private static Payload traceBody(String pod, List<Span> spans, long nanos) {
    byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource(pod)).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build().toByteArray();
    return new Payload("traces", instant(nanos), body);
  }

  /** Log request bodies for a log file, grouped by pod. */
  static void logs(Path file, long shiftNanos, Consumer<Payload> out) throws IOException {
    Map<String, List<LogRecord>> byPod = new LinkedHashMap<>();
    try (BufferedReader r = CsvLines.open(file)) {
      List<String> header = CsvLines.split(CsvLines.header(r.readLine(), file));
      int time = CsvLines.column(header, "TimeUnixNano", file);
      int pod = CsvLines.column(header, "PodName", file);
      int trace = CsvLines.column(header, "TraceID", file);
      int span = CsvLines.column(header, "SpanID", file);
      int log = CsvLines.column(header, "Log", file);
      String line;
      while ((line = r.readLine()) != null) {
        List<String> f = CsvLines.split(line);
        if (f.size() <= Math.max(log, Math.max(time, pod))) {
          continue;
        }
        long nanos;
        try {
          nanos = Long.parseLong(f.get(time)) + shiftNanos;
        } catch (NumberFormatException e) {
          continue;
        }
        String text = body(f.get(log));
        Matcher m = LEVEL.matcher(text);
        String level = m.find() ? m.group(1) : "INFO";
        int number = switch (level) {
          case "ERROR" -> 17;
          case "WARN", "WARNING" -> 13;
          default -> 9;
        };
        LogRecord.Builder b = LogRecord.newBuilder().setTimeUnixNano(nanos).setObservedTimeUnixNano(nanos)
            .setSeverityText(number == 17 ? "ERROR" : number == 13 ? "WARN" : "INFO").setSeverityNumberValue(number)
            .setBody(AnyValue.newBuilder().setStringValue(text));
        if (hex(f.get(trace), 32)) {
          b.setTraceId(bytes(f.get(trace)));
          if (hex(f.get(span), 16)) {
            b.setSpanId(bytes(f.get(span)));
          }
        }
        List<LogRecord> records = byPod.computeIfAbsent(f.get(pod), k -> new ArrayList<>());
        records.add(b.build());
        if (records.size() == BATCH) {
          out.accept(logBody(f.get(pod), records, nanos));
          records.clear();
        }
      }
    }
    byPod.forEach((pod, records) -> {
      if (!records.isEmpty()) {
        out.accept(logBody(pod, records, records.get(0).getTimeUnixNano()));
      }
    });
  }

  /** The {@code log} field of the container runtime's JSON, without its trailing newline. */
  static String body(String runtimeJson) {
    try {
      JsonNode n = JsonCodec.mapper().readTree(runtimeJson);
      if (n != null && n.hasNonNull("log")) {
        return n.get("log").asText().stripTrailing();
      }
    } catch (IOException e) {
      // not JSON: keep the text as it is
    }
    return runtimeJson.stripTrailing();
  }

  private static Payload logBody(String pod, List<LogRecord> records, long nanos) {
    byte[] body = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource(pod)).addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(records))).build().toByteArray();
    return new Payload("logs", instant(nanos), body);
  }

  /** Gauges of one pod's metric file for rows with {@code TimeStamp} in [fromSeconds, toSeconds). */
  static void metrics(Path file, long fromSeconds, long toSeconds, Consumer<Payload> out) throws IOException {
    Map<String, Metric.Builder> byName = new LinkedHashMap<>();
    String pod = null;
    try (BufferedReader r = CsvLines.open(file)) {
      List<String> header = CsvLines.split(CsvLines.header(r.readLine(), file));
      int ts = CsvLines.column(header, "TimeStamp", file);
      int podColumn = CsvLines.column(header, "PodName", file);
      String line;
      while ((line = r.readLine()) != null) {
        List<String> f = CsvLines.split(line);
        if (f.size() != header.size()) {
          continue;
        }
        long seconds;
        try {
          seconds = Long.parseLong(f.get(ts));
        } catch (NumberFormatException e) {
          continue;
        }
        if (seconds < fromSeconds || seconds >= toSeconds) {
          continue;
        }
        pod = f.get(podColumn);
        for (int i = 0; i < header.size(); i++) {
          if (i == ts || i == podColumn || header.get(i).equals("Time")) {
            continue;
          }
          double v;
          try {
            v = Double.parseDouble(f.get(i));
          } catch (NumberFormatException e) {
            continue;
          }
          if (!Double.isFinite(v)) {
            continue;
          }
          String column = header.get(i);
          Matcher m = UNIT.matcher(column);
          String name = m.matches() ? m.group(1) : column;
          String unit = m.matches() ? m.group(2) : "1";
          byName.computeIfAbsent(name, k -> Metric.newBuilder().setName(k).setUnit(unit).setGauge(Gauge.newBuilder()))
              .getGaugeBuilder().addDataPoints(NumberDataPoint.newBuilder()
                  .setTimeUnixNano(seconds * 1_000_000_000L).setAsDouble(v));
        }
      }
    }
    if (pod == null || byName.isEmpty()) {
      return;
    }
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
    byName.values().forEach(scope::addMetrics);
    byte[] body = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource(pod)).addScopeMetrics(scope)).build().toByteArray();
    out.accept(new Payload("metrics", Instant.ofEpochSecond(fromSeconds), body));
  }

  static Resource resource(String pod) {
    return Resource.newBuilder()
        .addAttributes(attribute("service.name", NezhaFault.serviceOf(pod)))
        .addAttributes(attribute("k8s.pod.name", pod))
        .build();
  }

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static boolean hex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
