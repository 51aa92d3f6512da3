package io.casefile.store;

import java.util.Map;

/**
 * One log record. Trace and span ids are zero when absent; {@code templateId} is null until a log
 * template miner assigns one.
 */
public record LogRow(
    long timeMicros,
    long observedMicros,
    int severityNumber,
    String severityText,
    String body,
    String service,
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    Long templateId,
    Map<String, String> attributes) {

  public LogRow {
    if (service == null) {
      throw new IllegalArgumentException("log service is required");
    }
    attributes = attributes == null ? Map.of() : attributes;
  }

  public LogRow withTemplateId(Long id) {
    return new LogRow(timeMicros, observedMicros, severityNumber, severityText, body, service,
        traceIdHigh, traceIdLow, spanId, id, attributes);
  }
}
