package io.casefile.ingest;

import com.google.protobuf.ByteString;
import io.casefile.store.LogRow;
import io.casefile.store.TelemetryBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flattens an OTLP logs export into log rows; a record without a time takes its observed time. */
final class LogFlattener {
  private final IngestLimits limits;
  private final long nowMicros;
  private final long maxMicros;

  LogFlattener(IngestLimits limits, long nowMicros) {
    this.limits = limits;
    this.nowMicros = nowMicros;
    this.maxMicros = nowMicros + limits.maxFutureSkew().toNanos() / 1000;
  }

  Decoded flatten(ExportLogsServiceRequest request) {
    List<LogRow> rows = new ArrayList<>();
    long rejected = 0;
    long dropped = 0;
    String problem = null;
    for (ResourceLogs rl : request.getResourceLogsList()) {
      String service = Attributes.serviceName(rl.getResource().getAttributesList());
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        for (LogRecord r : sl.getLogRecordsList()) {
          long time = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
          long micros = time == 0 ? nowMicros : time / 1000;
          if (time < 0 || micros > maxMicros) {
            rejected++;
            if (problem == null) {
              problem = "log record time " + Long.toUnsignedString(time)
                  + " ns is before 1970 or more than " + limits.maxFutureSkew() + " in the future";
            }
            continue;
          }
          ByteString trace = r.getTraceId();
          ByteString span = r.getSpanId();
          boolean hasTrace = trace.size() == 16;
          boolean hasSpan = span.size() == 8;
          Map<String, String> attrs = Attributes.newMap();
          dropped += Attributes.merge(rl.getResource().getAttributesList(), r.getAttributesList(), limits, attrs);
          String body = AnyValues.text(r.getBody());
          if (body != null && body.length() > limits.maxValueChars()) {
            body = body.substring(0, limits.maxValueChars());
          }
          long observed = r.getObservedTimeUnixNano() > 0 ? r.getObservedTimeUnixNano() / 1000 : 0;
          rows.add(new LogRow(micros, observed, Math.max(0, Math.min(127, r.getSeverityNumberValue())),
              r.getSeverityText().isEmpty() ? null : r.getSeverityText(), body, service,
              hasTrace ? Ids.longAt(trace, 0) : 0, hasTrace ? Ids.longAt(trace, 8) : 0,
              hasSpan ? Ids.longAt(span, 0) : 0, null, attrs));
        }
      }
    }
    String message = Messages.combine(rejected, "log records", problem, dropped, limits);
    return new Decoded(new TelemetryBatch(List.of(), rows, List.of()), rejected, message);
  }
}
