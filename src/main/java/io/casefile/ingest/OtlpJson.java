package io.casefile.ingest;

import static io.casefile.ingest.JsonFields.each;
import static io.casefile.ingest.JsonFields.enumValue;
import static io.casefile.ingest.JsonFields.get;
import static io.casefile.ingest.JsonFields.int64;
import static io.casefile.ingest.JsonFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
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
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Base64;
import java.util.List;

/**
 * OTLP/JSON to the protobuf messages, per the OTLP specification: hex trace and span ids (not
 * base64 as protobuf's JsonFormat would read them), lowerCamelCase names, int64 as number or string,
 * enums as number or name. Unknown fields are ignored; wrong types name their path.
 */
final class OtlpJson {
  private OtlpJson() {}

  private static final List<String> SPAN_KINDS = List.of("SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL",
      "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER");
  private static final List<String> STATUS_CODES = List.of("STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR");
  private static final List<String> TEMPORALITIES = List.of("AGGREGATION_TEMPORALITY_UNSPECIFIED",
      "AGGREGATION_TEMPORALITY_DELTA", "AGGREGATION_TEMPORALITY_CUMULATIVE");

  static ExportTraceServiceRequest traces(JsonNode root) {
    JsonFields.requireObject(root, "body");
    var req = ExportTraceServiceRequest.newBuilder();
    each(root, "resourceSpans", "", (rs, p) -> {
      var rsb = ResourceSpans.newBuilder().setResource(resource(rs, p));
      each(rs, "scopeSpans", p, (ss, p2) -> {
        var ssb = ScopeSpans.newBuilder();
        each(ss, "spans", p2, (s, p3) -> ssb.addSpans(span(s, p3)));
        rsb.addScopeSpans(ssb);
      });
      req.addResourceSpans(rsb);
    });
    return req.build();
  }

  private static Span span(JsonNode s, String p) {
    var b = Span.newBuilder()
        .setTraceId(Ids.fromHex(p + ".traceId", string(s, "traceId", p), 16))
        .setSpanId(Ids.fromHex(p + ".spanId", string(s, "spanId", p), 8))
        .setParentSpanId(Ids.fromHex(p + ".parentSpanId", string(s, "parentSpanId", p), 8))
        .setName(string(s, "name", p))
        .setKindValue(enumValue(s, "kind", p, SPAN_KINDS))
        .setStartTimeUnixNano(int64(s, "startTimeUnixNano", p))
        .setEndTimeUnixNano(int64(s, "endTimeUnixNano", p));
    attributes(s, p, b::addAttributes);
    JsonNode status = get(s, "status");
    if (status != null) {
      JsonFields.requireObject(status, p + ".status");
      b.setStatus(Status.newBuilder().setCodeValue(enumValue(status, "code", p + ".status", STATUS_CODES))
          .setMessage(string(status, "message", p + ".status")));
    }
    return b.build();
  }

  static ExportLogsServiceRequest logs(JsonNode root) {
    JsonFields.requireObject(root, "body");
    var req = ExportLogsServiceRequest.newBuilder();
    each(root, "resourceLogs", "", (rl, p) -> {
      var rlb = ResourceLogs.newBuilder().setResource(resource(rl, p));
      each(rl, "scopeLogs", p, (sl, p2) -> {
        var slb = ScopeLogs.newBuilder();
        each(sl, "logRecords", p2, (r, p3) -> {
          var b = LogRecord.newBuilder()
              .setTimeUnixNano(int64(r, "timeUnixNano", p3))
              .setObservedTimeUnixNano(int64(r, "observedTimeUnixNano", p3))
              .setSeverityNumberValue(severity(r, p3))
              .setSeverityText(string(r, "severityText", p3))
              .setTraceId(Ids.fromHex(p3 + ".traceId", string(r, "traceId", p3), 16))
              .setSpanId(Ids.fromHex(p3 + ".spanId", string(r, "spanId", p3), 8));
          JsonNode body = get(r, "body");
          if (body != null) {
            b.setBody(anyValue(body, p3 + ".body"));
          }
          attributes(r, p3, b::addAttributes);
          slb.addLogRecords(b);
        });
        rlb.addScopeLogs(slb);
      });
      req.addResourceLogs(rlb);
    });
    return req.build();
  }

  private static int severity(JsonNode r, String p) {
    JsonNode n = get(r, "severityNumber");
    if (n != null && n.isTextual() && n.textValue().startsWith("SEVERITY_NUMBER_")) {
      try {
        return io.opentelemetry.proto.logs.v1.SeverityNumber.valueOf(n.textValue()).getNumber();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(p + ".severityNumber is not a severity: " + n.textValue());
      }
    }
    return n == null ? 0 : (int) Math.max(0, Math.min(24, int64(n, p + ".severityNumber")));
  }

  static ExportMetricsServiceRequest metrics(JsonNode root) {
    JsonFields.requireObject(root, "body");
    var req = ExportMetricsServiceRequest.newBuilder();
    each(root, "resourceMetrics", "", (rm, p) -> {
      var rmb = ResourceMetrics.newBuilder().setResource(resource(rm, p));
      each(rm, "scopeMetrics", p, (sm, p2) -> {
        var smb = ScopeMetrics.newBuilder();
        each(sm, "metrics", p2, (m, p3) -> smb.addMetrics(metric(m, p3)));
        rmb.addScopeMetrics(smb);
      });
      req.addResourceMetrics(rmb);
    });
    return req.build();
  }

  private static Metric metric(JsonNode m, String p) {
    var b = Metric.newBuilder().setName(string(m, "name", p)).setUnit(string(m, "unit", p))
        .setDescription(string(m, "description", p));
    JsonNode sum = get(m, "sum");
    JsonNode gauge = get(m, "gauge");
    JsonNode histogram = get(m, "histogram");
    JsonNode exponential = get(m, "exponentialHistogram");
    if (sum != null) {
      JsonFields.requireObject(sum, p + ".sum");
      var sb = Sum.newBuilder()
          .setAggregationTemporalityValue(enumValue(sum, "aggregationTemporality", p + ".sum", TEMPORALITIES))
          .setIsMonotonic(bool(sum, "isMonotonic", p + ".sum"));
      each(sum, "dataPoints", p + ".sum", (d, p2) -> sb.addDataPoints(numberPoint(d, p2)));
      b.setSum(sb);
    } else if (gauge != null) {
      JsonFields.requireObject(gauge, p + ".gauge");
      var gb = Gauge.newBuilder();
      each(gauge, "dataPoints", p + ".gauge", (d, p2) -> gb.addDataPoints(numberPoint(d, p2)));
      b.setGauge(gb);
    } else if (histogram != null) {
      JsonFields.requireObject(histogram, p + ".histogram");
      var hb = Histogram.newBuilder().setAggregationTemporalityValue(
          enumValue(histogram, "aggregationTemporality", p + ".histogram", TEMPORALITIES));
      each(histogram, "dataPoints", p + ".histogram", (d, p2) -> hb.addDataPoints(histogramPoint(d, p2)));
      b.setHistogram(hb);
    } else if (exponential != null) {
      JsonFields.requireObject(exponential, p + ".exponentialHistogram");
      var eb = ExponentialHistogram.newBuilder().setAggregationTemporalityValue(
          enumValue(exponential, "aggregationTemporality", p + ".exponentialHistogram", TEMPORALITIES));
      each(exponential, "dataPoints", p + ".exponentialHistogram", (d, p2) -> eb.addDataPoints(exponentialPoint(d, p2)));
      b.setExponentialHistogram(eb);
    }
    return b.build();
  }

  private static ExponentialHistogramDataPoint exponentialPoint(JsonNode d, String p) {
    var b = ExponentialHistogramDataPoint.newBuilder()
        .setStartTimeUnixNano(int64(d, "startTimeUnixNano", p))
        .setTimeUnixNano(int64(d, "timeUnixNano", p))
        .setCount(int64(d, "count", p))
        .setZeroCount(get(d, "zeroCount") == null ? 0 : int64(d, "zeroCount", p));
    JsonNode sum = get(d, "sum");
    if (sum != null) {
      b.setSum(JsonFields.float64(sum, p + ".sum"));
    }
    JsonNode scale = get(d, "scale");
    if (scale != null) {
      long v = int64(scale, p + ".scale");
      if (v < -10 || v > 20) {
        throw new IllegalArgumentException(p + ".scale must be -10..20, got " + v);
      }
      b.setScale((int) v);
    }
    JsonNode zeroThreshold = get(d, "zeroThreshold");
    if (zeroThreshold != null) {
      b.setZeroThreshold(JsonFields.float64(zeroThreshold, p + ".zeroThreshold"));
    }
    for (String side : new String[] {"positive", "negative"}) {
      JsonNode buckets = get(d, side);
      if (buckets == null) {
        continue;
      }
      JsonFields.requireObject(buckets, p + "." + side);
      var bb = ExponentialHistogramDataPoint.Buckets.newBuilder();
      JsonNode offset = get(buckets, "offset");
      if (offset != null) {
        long v = int64(offset, p + "." + side + ".offset");
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(p + "." + side + ".offset is out of range: " + v);
        }
        bb.setOffset((int) v);
      }
      JsonNode counts = array(buckets, "bucketCounts", p + "." + side);
      for (int i = 0; counts != null && i < counts.size(); i++) {
        bb.addBucketCounts(int64(counts.get(i), p + "." + side + ".bucketCounts[" + i + "]"));
      }
      if (side.equals("positive")) {
        b.setPositive(bb);
      } else {
        b.setNegative(bb);
      }
    }
    attributes(d, p, b::addAttributes);
    return b.build();
  }

  private static NumberDataPoint numberPoint(JsonNode d, String p) {
    var b = NumberDataPoint.newBuilder()
        .setStartTimeUnixNano(int64(d, "startTimeUnixNano", p))
        .setTimeUnixNano(int64(d, "timeUnixNano", p));
    JsonNode asInt = get(d, "asInt");
    JsonNode asDouble = get(d, "asDouble");
    if (asInt != null) {
      b.setAsInt(int64(asInt, p + ".asInt"));
    } else if (asDouble != null) {
      b.setAsDouble(JsonFields.float64(asDouble, p + ".asDouble"));
    }
    attributes(d, p, b::addAttributes);
    return b.build();
  }

  private static HistogramDataPoint histogramPoint(JsonNode d, String p) {
    var b = HistogramDataPoint.newBuilder()
        .setStartTimeUnixNano(int64(d, "startTimeUnixNano", p))
        .setTimeUnixNano(int64(d, "timeUnixNano", p))
        .setCount(int64(d, "count", p));
    JsonNode sum = get(d, "sum");
    if (sum != null) {
      b.setSum(JsonFields.float64(sum, p + ".sum"));
    }
    JsonNode counts = array(d, "bucketCounts", p);
    for (int i = 0; counts != null && i < counts.size(); i++) {
      b.addBucketCounts(int64(counts.get(i), p + ".bucketCounts[" + i + "]"));
    }
    JsonNode bounds = array(d, "explicitBounds", p);
    for (int i = 0; bounds != null && i < bounds.size(); i++) {
      b.addExplicitBounds(JsonFields.float64(bounds.get(i), p + ".explicitBounds[" + i + "]"));
    }
    attributes(d, p, b::addAttributes);
    return b.build();
  }

  private static JsonNode array(JsonNode obj, String camel, String p) {
    JsonNode n = get(obj, camel);
    if (n != null && !n.isArray()) {
      throw new IllegalArgumentException(p + "." + camel + " must be an array, got " + JsonFields.describe(n));
    }
    return n;
  }

  private static boolean bool(JsonNode obj, String camel, String p) {
    JsonNode n = get(obj, camel);
    if (n == null) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new IllegalArgumentException(p + "." + camel + " must be true or false, got " + JsonFields.describe(n));
    }
    return n.booleanValue();
  }

  private static Resource resource(JsonNode parent, String p) {
    JsonNode r = get(parent, "resource");
    if (r == null) {
      return Resource.getDefaultInstance();
    }
    JsonFields.requireObject(r, p + ".resource");
    var b = Resource.newBuilder();
    attributes(r, p + ".resource", b::addAttributes);
    return b.build();
  }

  private static void attributes(JsonNode obj, String p, java.util.function.Consumer<KeyValue> add) {
    each(obj, "attributes", p, (kv, p2) -> add.accept(keyValue(kv, p2)));
  }

  private static KeyValue keyValue(JsonNode kv, String p) {
    var b = KeyValue.newBuilder().setKey(string(kv, "key", p));
    JsonNode v = get(kv, "value");
    if (v != null) {
      b.setValue(anyValue(v, p + ".value"));
    }
    return b.build();
  }

  private static AnyValue anyValue(JsonNode v, String p) {
    JsonFields.requireObject(v, p);
    var b = AnyValue.newBuilder();
    JsonNode n;
    if ((n = get(v, "stringValue")) != null) {
      if (!n.isTextual()) {
        throw new IllegalArgumentException(p + ".stringValue must be a string, got " + JsonFields.describe(n));
      }
      b.setStringValue(n.textValue());
    } else if ((n = get(v, "boolValue")) != null) {
      b.setBoolValue(bool(v, "boolValue", p));
    } else if ((n = get(v, "intValue")) != null) {
      b.setIntValue(int64(n, p + ".intValue"));
    } else if ((n = get(v, "doubleValue")) != null) {
      b.setDoubleValue(JsonFields.float64(n, p + ".doubleValue"));
    } else if ((n = get(v, "bytesValue")) != null) {
      try {
        b.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(n.asText())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(p + ".bytesValue must be base64: " + e.getMessage());
      }
    } else if ((n = get(v, "arrayValue")) != null) {
      JsonFields.requireObject(n, p + ".arrayValue");
      var ab = ArrayValue.newBuilder();
      JsonNode values = array(n, "values", p + ".arrayValue");
      for (int i = 0; values != null && i < values.size(); i++) {
        ab.addValues(anyValue(values.get(i), p + ".arrayValue.values[" + i + "]"));
      }
      b.setArrayValue(ab);
    } else if ((n = get(v, "kvlistValue")) != null) {
      JsonFields.requireObject(n, p + ".kvlistValue");
      var kb = KeyValueList.newBuilder();
      each(n, "values", p + ".kvlistValue", (kv, p2) -> kb.addValues(keyValue(kv, p2)));
      b.setKvlistValue(kb);
    }
    return b.build();
  }
}
