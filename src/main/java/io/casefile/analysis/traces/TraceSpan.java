package io.casefile.analysis.traces;

import java.util.Objects;

/**
 * One span as the trace analysers see it (a projection of a {@code spans} row). Ids are opaque
 * strings compared for equality; {@code parentSpanId} is null for a root; {@code peer} is the
 * called peer's name for client spans, else null.
 */
public record TraceSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String service,
    String operation,
    SpanKind kind,
    boolean error,
    long startMicros,
    long durationMicros,
    String peer) {

  public TraceSpan {
    if (traceId == null || traceId.isBlank()) {
      throw new IllegalArgumentException("span trace id is required");
    }
    if (spanId == null || spanId.isBlank()) {
      throw new IllegalArgumentException("span id is required (trace " + traceId + ")");
    }
    Objects.requireNonNull(kind, "span kind");
    if (durationMicros < 0) {
      throw new IllegalArgumentException(
          "span duration must be >= 0, got " + durationMicros + " (span " + spanId + ")");
    }
    if (parentSpanId != null && parentSpanId.isBlank()) {
      parentSpanId = null;
    }
  }

  /** A request span: SERVER or CONSUMER. */
  public boolean request() {
    return kind == SpanKind.SERVER || kind == SpanKind.CONSUMER;
  }

  /** The component; the peer counts only on client spans. */
  public Component component() {
    return new Component(service, operation, kind == SpanKind.CLIENT ? peer : null);
  }
}
