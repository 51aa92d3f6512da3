package io.casefile.demo;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Server spans of a generated scenario, decoded straight from its OTLP payloads. */
final class DecodedRequests {
  record Req(Instant start, String service, String operation, boolean error, long durationUs,
      Map<String, String> attrs) {
    String attr(String key) {
      return attrs.get(key);
    }
  }

  static List<Req> of(List<Payload> payloads) throws IOException {
    var out = new ArrayList<Req>();
    for (Payload p : payloads) {
      if (!p.signal().equals("traces")) {
        continue;
      }
      var req = ExportTraceServiceRequest.parseFrom(p.body());
      for (ResourceSpans rs : req.getResourceSpansList()) {
        var resource = map(rs.getResource().getAttributesList());
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) {
            if (s.getKind() != Span.SpanKind.SPAN_KIND_SERVER) {
              continue;
            }
            var attrs = new HashMap<>(resource);
            attrs.putAll(map(s.getAttributesList()));
            boolean error = s.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR
                || Integer.parseInt(attrs.getOrDefault("http.response.status_code", "0")) >= 500;
            out.add(new Req(Scenarios.instant(s.getStartTimeUnixNano()), resource.get("service.name"),
                attrs.get("http.request.method") + " " + attrs.get("http.route"), error,
                (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1000, attrs));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, String> map(List<KeyValue> kvs) {
    var m = new HashMap<String, String>();
    for (KeyValue kv : kvs) {
      AnyValue v = kv.getValue();
      m.put(kv.getKey(), v.hasIntValue() ? Long.toString(v.getIntValue()) : v.getStringValue());
    }
    return m;
  }
}
