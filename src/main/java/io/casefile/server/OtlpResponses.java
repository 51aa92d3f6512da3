package io.casefile.server;

import com.google.protobuf.CodedOutputStream;
import io.casefile.ingest.Decoded;
import io.casefile.ingest.OtlpSignal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** OTLP/HTTP answers: Export*ServiceResponse with partial_success, and google.rpc.Status errors. */
final class OtlpResponses {
  private OtlpResponses() {}

  static byte[] protobufSuccess(OtlpSignal signal, Decoded d) {
    boolean partial = d.rejected() > 0 || d.message() != null;
    String msg = d.message() == null ? "" : d.message();
    return switch (signal) {
      case TRACES -> (partial ? ExportTraceServiceResponse.newBuilder().setPartialSuccess(
          ExportTracePartialSuccess.newBuilder().setRejectedSpans(d.rejected()).setErrorMessage(msg)).build()
          : ExportTraceServiceResponse.getDefaultInstance()).toByteArray();
      case LOGS -> (partial ? ExportLogsServiceResponse.newBuilder().setPartialSuccess(
          ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(d.rejected()).setErrorMessage(msg)).build()
          : ExportLogsServiceResponse.getDefaultInstance()).toByteArray();
      case METRICS -> (partial ? ExportMetricsServiceResponse.newBuilder().setPartialSuccess(
          ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(d.rejected()).setErrorMessage(msg)).build()
          : ExportMetricsServiceResponse.getDefaultInstance()).toByteArray();
    };
  }

  static Map<String, Object> jsonSuccess(OtlpSignal signal, Decoded d) {
    if (d.rejected() == 0 && d.message() == null) {
      return Map.of();
    }
    Map<String, Object> partial = new LinkedHashMap<>();
    String field = switch (signal) {
      case TRACES -> "rejectedSpans";
      case LOGS -> "rejectedLogRecords";
      case METRICS -> "rejectedDataPoints";
    };
    partial.put(field, Long.toString(d.rejected()));
    partial.put("errorMessage", d.message() == null ? "" : d.message());
    return Map.of("partialSuccess", partial);
  }

  /** A google.rpc.Status (code = 1, message = 2) encoded by hand: the class is not on the classpath. */
  static byte[] protobufStatus(int grpcCode, String message) {
    try {
      var bytes = new ByteArrayOutputStream();
      var out = CodedOutputStream.newInstance(bytes);
      out.writeInt32(1, grpcCode);
      out.writeString(2, message);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gRPC status code matching an HTTP status, as OTLP/HTTP clients expect. */
  static int grpcCode(int httpStatus) {
    return switch (httpStatus) {
      case 400, 413, 415 -> 3; // INVALID_ARGUMENT
      case 401 -> 16; // UNAUTHENTICATED
      case 403 -> 7; // PERMISSION_DENIED
      case 429, 503 -> 14; // UNAVAILABLE
      default -> 13; // INTERNAL
    };
  }
}
