package io.casefile.ingest;

import com.google.protobuf.ByteString;
import io.casefile.store.SpanRow;
import io.casefile.store.TelemetryBatch;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens an OTLP trace export into span rows: resource and span attributes merged (span wins),
 * flow operation and request/error flags derived, invalid spans rejected with a reason.
 */
final class SpanFlattener {
  final IngestLimits limits;
  private final long maxStartMicros;
  private long rejected;
  private String firstProblem;
  private long droppedAttributes;
  /** The previous span's attribute keys and values by position: equal strings reuse one instance. */
  private String[] lastKeys = new String[0];
  private String[] lastValues = new String[0];

  SpanFlattener(IngestLimits limits, long nowMicros) {
    this.limits = limits;
    this.maxStartMicros = nowMicros + limits.maxFutureSkew().toNanos() / 1000;
  }

  Decoded flatten(ExportTraceServiceRequest request) {
    List<SpanRow> rows = new ArrayList<>();
    SpanFields f = new SpanFields();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      List<KeyValue> resAttrs = rs.getResource().getAttributesList();
      Resource r = new Resource(Math.min(resAttrs.size(), limits.maxAttributesPerItem()), resAttrs.size());
      for (int i = 0; i < r.keys.length; i++) {
        r.set(i, resAttrs.get(i).getKey(), value(resAttrs.get(i)));
      }
      resource(r);
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          f.from(span, this);
          add(rows, f, r);
        }
      }
    }
    return result(rows);
  }

  /** A resource's attributes, cut to the per-item limit, and the service they name. */
  static final class Resource {
    final String[] keys;
    final String[] values;
    final int total;
    String service = "unknown_service";

    Resource(int kept, int total) {
      this.keys = new String[kept];
      this.values = new String[kept];
      this.total = total;
    }

    void set(int i, String key, String value) {
      keys[i] = key;
      values[i] = value;
      if (key.equals("service.name") && value != null && !value.isEmpty()) {
        service = value;
      }
    }
  }

  /** One span's fields as read from the wire or from a parsed message. */
  static final class SpanFields {
    int traceLength;
    long traceHigh;
    long traceLow;
    int spanLength;
    long spanId;
    int parentLength;
    long parentId;
    String name = "";
    int kind;
    long start;
    long end;
    int status;
    String statusMessage = "";
    String[] keys = new String[16];
    String[] values = new String[16];
    int attributes;
    int attributeTotal;

    void reset() {
      traceLength = spanLength = parentLength = 0;
      traceHigh = traceLow = spanId = parentId = 0;
      name = "";
      statusMessage = "";
      kind = status = 0;
      start = end = 0;
      attributes = attributeTotal = 0;
    }

    void attribute(String key, String value) {
      if (attributes == keys.length) {
        keys = java.util.Arrays.copyOf(keys, attributes * 2);
        values = java.util.Arrays.copyOf(values, attributes * 2);
      }
      keys[attributes] = key;
      values[attributes++] = value;
    }

    void from(Span span, SpanFlattener flattener) {
      reset();
      ByteString trace = span.getTraceId();
      traceLength = trace.size();
      if (traceLength == 16) {
        traceHigh = Ids.longAt(trace, 0);
        traceLow = Ids.longAt(trace, 8);
      }
      spanLength = span.getSpanId().size();
      if (spanLength == 8) {
        spanId = Ids.longAt(span.getSpanId(), 0);
      }
      parentLength = span.getParentSpanId().size();
      if (parentLength == 8) {
        parentId = Ids.longAt(span.getParentSpanId(), 0);
      }
      name = span.getName();
      kind = span.getKindValue();
      start = span.getStartTimeUnixNano();
      end = span.getEndTimeUnixNano();
      status = span.getStatus().getCodeValue();
      statusMessage = span.getStatus().getMessage();
      List<KeyValue> attrs = span.getAttributesList();
      attributeTotal = attrs.size();
      int kept = Math.min(attrs.size(), flattener.limits.maxAttributesPerItem());
      for (int i = 0; i < kept; i++) {
        attribute(attrs.get(i).getKey(), flattener.value(attrs.get(i)));
      }
    }
  }

  void resource(Resource r) {
    droppedAttributes += r.total - r.keys.length;
  }

  void add(List<SpanRow> rows, SpanFields f, Resource r) {
    SpanRow row = row(f, r.service, r.keys, r.values);
    if (row != null) {
      rows.add(row);
    }
  }

  Decoded result(List<SpanRow> rows) {
    String message = firstProblem;
    if (droppedAttributes > 0) {
      String dropped = droppedAttributes + " attributes dropped beyond the limit of "
          + limits.maxAttributesPerItem() + " per span or resource";
      message = message == null ? dropped : message + "; " + dropped;
    }
    if (rejected > 0) {
      message = rejected + " spans rejected; first: " + message;
    }
    return new Decoded(TelemetryBatch.ofSpans(rows), rejected, message);
  }

  private SpanRow row(SpanFields f, String service, String[] resKeys, String[] resValues) {
    String spanName = f.name;
    if (f.traceLength != 16 || f.spanLength != 8) {
      return reject("span '" + spanName + "': trace id must be 16 bytes and span id 8 bytes, got "
          + f.traceLength + " and " + f.spanLength);
    }
    if (f.traceHigh == 0 && f.traceLow == 0 || f.spanId == 0) {
      return reject("span '" + spanName + "': trace id and span id must not be all zeros");
    }
    long start = f.start;
    long end = f.end;
    if (start <= 0 || end <= 0) {
      return reject("span '" + spanName + "': start and end time must be after 1970-01-01, got "
          + Long.toUnsignedString(start) + " and " + Long.toUnsignedString(end) + " ns");
    }
    if (end < start) {
      return reject("span '" + spanName + "': end time is before start time");
    }
    long startMicros = start / 1000;
    if (startMicros > maxStartMicros) {
      return reject("span '" + spanName + "': start time " + start
          + " ns is more than " + limits.maxFutureSkew() + " in the future");
    }
    if (f.parentLength != 0 && f.parentLength != 8) {
      return reject("span '" + spanName + "': parent span id must be 8 bytes, got " + f.parentLength);
    }
    int spanN = f.attributes;
    droppedAttributes += f.attributeTotal - spanN;
    String[] keys = new String[resKeys.length + spanN];
    String[] values = new String[keys.length];
    System.arraycopy(resKeys, 0, keys, 0, resKeys.length);
    System.arraycopy(resValues, 0, values, 0, resKeys.length);
    int n = resKeys.length;
    String route = null;
    String method = null;
    String rpcMethod = null;
    int statusCode = 0;
    for (int i = 0; i < spanN; i++) {
      String key = f.keys[i];
      String value = f.values[i];
      if (value == null) {
        continue;
      }
      if (i < lastKeys.length) {
        key = key.equals(lastKeys[i]) ? lastKeys[i] : key;
        value = value.equals(lastValues[i]) ? lastValues[i] : value;
      }
      switch (key) {
        case "http.route" -> route = value;
        case "http.request.method", "http.method" -> method = value;
        case "rpc.method" -> rpcMethod = value;
        case "http.response.status_code", "http.status_code" -> statusCode = parseStatus(value);
        default -> { }
      }
      int at = indexOf(keys, resKeys.length, key);
      if (at >= 0) {
        values[at] = value;
      } else {
        keys[n] = key;
        values[n++] = value;
      }
    }
    remember(f.attributeTotal, keys, values, resKeys.length, n);
    String operation;
    if (route != null && !route.isEmpty()) {
      operation = method == null || method.isEmpty() ? route : method + " " + route;
    } else if (rpcMethod != null && !rpcMethod.isEmpty()) {
      operation = rpcMethod;
    } else {
      operation = spanName;
    }
    int kind = f.kind;
    int status = f.status;
    boolean request = kind == Span.SpanKind.SPAN_KIND_SERVER_VALUE || kind == Span.SpanKind.SPAN_KIND_CONSUMER_VALUE;
    boolean error = status == 2 || statusCode >= 500;
    return new SpanRow(f.traceHigh, f.traceLow, f.spanId, f.parentLength == 0 ? 0 : f.parentId, startMicros,
        (end - start) / 1000, kind < 0 || kind > 5 ? 0 : kind, spanName, status < 0 || status > 2 ? 0 : status,
        f.statusMessage, service, operation, request, error, keys, values, n);
  }

  /**
   * Keeps this span's attribute strings for the next span to share: spans of one request mostly
   * carry the same keys in the same order and many equal values, and shared instances hash once
   * and are encoded once when stored.
   */
  private void remember(int count, String[] keys, String[] values, int from, int to) {
    if (lastKeys.length < count) {
      lastKeys = new String[count];
      lastValues = new String[count];
    }
    for (int i = from, j = 0; i < to && j < count; i++, j++) {
      lastKeys[j] = keys[i];
      lastValues[j] = values[i];
    }
  }

  String value(KeyValue kv) {
    return capped(AnyValues.text(kv.getValue()));
  }

  /** A value cut to the configured length. */
  String capped(String v) {
    if (v != null && v.length() > limits.maxValueChars()) {
      v = v.substring(0, limits.maxValueChars());
    }
    return v;
  }

  private static int indexOf(String[] keys, int n, String key) {
    for (int i = 0; i < n; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static int parseStatus(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private SpanRow reject(String problem) {
    rejected++;
    if (firstProblem == null) {
      firstProblem = problem;
    }
    return null;
  }
}
