package io.casefile.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.casefile.model.JsonCodec;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.IOException;
import java.time.InstantSource;

/**
 * Decodes an OTLP/HTTP request body (protobuf or JSON) into rows. An undecodable body throws
 * IllegalArgumentException with a message for the client; invalid items inside a decodable body
 * are rejected and counted instead. Never throws anything else.
 */
public final class OtlpDecoder {
  private static final ObjectMapper JSON = JsonCodec.mapper();

  private final IngestLimits limits;
  private final InstantSource clock;

  public OtlpDecoder(IngestLimits limits, InstantSource clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public Decoded protobuf(OtlpSignal signal, byte[] body) {
    try {
      return switch (signal) {
        case TRACES -> TraceWireDecoder.decode(new SpanFlattener(limits, nowMicros()), body);
        case LOGS -> new LogFlattener(limits, nowMicros()).flatten(ExportLogsServiceRequest.parseFrom(body));
        case METRICS -> new MetricFlattener(limits, nowMicros()).flatten(ExportMetricsServiceRequest.parseFrom(body));
      };
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("body is not a valid protobuf " + messageName(signal) + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("body is not a valid protobuf " + messageName(signal) + ": " + e, e);
    }
  }

  public Decoded json(OtlpSignal signal, byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body is not valid JSON: " + JsonErrors.describe(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("body is empty; expected an OTLP/JSON " + messageName(signal));
    }
    try {
      return switch (signal) {
        case TRACES -> new SpanFlattener(limits, nowMicros()).flatten(OtlpJson.traces(root));
        case LOGS -> new LogFlattener(limits, nowMicros()).flatten(OtlpJson.logs(root));
        case METRICS -> new MetricFlattener(limits, nowMicros()).flatten(OtlpJson.metrics(root));
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("OTLP/JSON " + messageName(signal) + ": " + e.getMessage(), e);
    }
  }

  static String messageName(OtlpSignal signal) {
    return switch (signal) {
      case TRACES -> "ExportTraceServiceRequest";
      case LOGS -> "ExportLogsServiceRequest";
      case METRICS -> "ExportMetricsServiceRequest";
    };
  }

  private long nowMicros() {
    return clock.millis() * 1000;
  }
}
