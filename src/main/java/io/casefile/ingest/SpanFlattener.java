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
  private final IngestLimits limits;
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
    for (ResourceSpans rs : request.getResourceSpansList()) {
      List<KeyValue> resAttrs = rs.getResource().getAttributesList();
      int resN = Math.min(resAttrs.size(), limits.maxAttributesPerItem());
      String[] resKeys = new String[resN];
      String[] resValues = new String[resN];
      String service = "unknown_service";
      for (int i = 0; i < resN; i++) {
        resKeys[i] = resAttrs.get(i).getKey();
        resValues[i] = value(resAttrs.get(i));
        if (resKeys[i].equals("service.name") && resValues[i] != null && !resValues[i].isEmpty()) {
          service = resValues[i];
        }
      }
      droppedAttributes += resAttrs.size() - resN;
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          SpanRow row = row(span, service, resKeys, resValues);
          if (row != null) {
            rows.add(row);
          }
        }
      }
    }
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

  private SpanRow row(Span span, String service, String[] resKeys, String[] resValues) {
    ByteString traceId = span.getTraceId();
    ByteString spanId = span.getSpanId();
    if (traceId.size() != 16 || spanId.size() != 8) {
      return reject("span '" + span.getName() + "': trace id must be 16 bytes and span id 8 bytes, got "
          + traceId.size() + " and " + spanId.size());
    }
    if (Ids.longAt(traceId, 0) == 0 && Ids.longAt(traceId, 8) == 0 || Ids.longAt(spanId, 0) == 0) {
      return reject("span '" + span.getName() + "': trace id and span id must not be all zeros");
    }
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    if (start <= 0 || end <= 0) {
      return reject("span '" + span.getName() + "': start and end time must be after 1970-01-01, got "
          + Long.toUnsignedString(start) + " and " + Long.toUnsignedString(end) + " ns");
    }
    if (end < start) {
      return reject("span '" + span.getName() + "': end time is before start time");
    }
    long startMicros = start / 1000;
    if (startMicros > maxStartMicros) {
      return reject("span '" + span.getName() + "': start time " + start
          + " ns is more than " + limits.maxFutureSkew() + " in the future");
    }
    ByteString parent = span.getParentSpanId();
    if (!parent.isEmpty() && parent.size() != 8) {
      return reject("span '" + span.getName() + "': parent span id must be 8 bytes, got " + parent.size());
    }
    List<KeyValue> attrs = span.getAttributesList();
    int spanN = Math.min(attrs.size(), limits.maxAttributesPerItem());
    droppedAttributes += attrs.size() - spanN;
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
      KeyValue kv = attrs.get(i);
      String key = kv.getKey();
      String value = value(kv);
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
    remember(attrs.size(), keys, values, resKeys.length, n);
    String operation;
    if (route != null && !route.isEmpty()) {
      operation = method == null || method.isEmpty() ? route : method + " " + route;
    } else if (rpcMethod != null && !rpcMethod.isEmpty()) {
      operation = rpcMethod;
    } else {
      operation = span.getName();
    }
    int kind = span.getKindValue();
    int status = span.getStatus().getCodeValue();
    boolean request = kind == Span.SpanKind.SPAN_KIND_SERVER_VALUE || kind == Span.SpanKind.SPAN_KIND_CONSUMER_VALUE;
    boolean error = status == 2 || statusCode >= 500;
    return new SpanRow(Ids.longAt(traceId, 0), Ids.longAt(traceId, 8), Ids.longAt(spanId, 0),
        parent.isEmpty() ? 0 : Ids.longAt(parent, 0), startMicros, (end - start) / 1000,
        kind < 0 || kind > 5 ? 0 : kind, span.getName(), status < 0 || status > 2 ? 0 : status,
        span.getStatus().getMessage(), service, operation, request, error, keys, values, n);
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

  private String value(KeyValue kv) {
    String v = AnyValues.text(kv.getValue());
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
