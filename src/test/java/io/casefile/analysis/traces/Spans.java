package io.casefile.analysis.traces;

import java.util.ArrayList;
import java.util.List;

/** A small builder of hand-made traces for tests: spans get ids s1, s2 ... in creation order. */
final class Spans {
  private final String traceId;
  private final long startMicros;
  private final List<TraceSpan> spans = new ArrayList<>();

  Spans(String traceId, long startMicros) {
    this.traceId = traceId;
    this.startMicros = startMicros;
  }

  Spans(String traceId) {
    this(traceId, 1_000_000);
  }

  TraceSpan add(TraceSpan parent, String service, String operation, SpanKind kind, boolean error,
      long offsetMicros, long durationMicros, String peer) {
    TraceSpan s = new TraceSpan(traceId, "s" + (spans.size() + 1),
        parent == null ? null : parent.spanId(), service, operation, kind, error,
        startMicros + offsetMicros, durationMicros, peer);
    spans.add(s);
    return s;
  }

  TraceSpan server(TraceSpan parent, String service, String operation, boolean error, long duration) {
    return add(parent, service, operation, SpanKind.SERVER, error, offset(parent), duration, null);
  }

  TraceSpan client(TraceSpan parent, String service, String operation, String peer, boolean error,
      long duration) {
    return add(parent, service, operation, SpanKind.CLIENT, error, offset(parent), duration, peer);
  }

  TraceSpan internal(TraceSpan parent, String service, String operation, boolean error, long duration) {
    return add(parent, service, operation, SpanKind.INTERNAL, error, offset(parent), duration, null);
  }

  private long offset(TraceSpan parent) {
    return parent == null ? 0 : parent.startMicros() - startMicros + 10L * spans.size();
  }

  List<TraceSpan> all() {
    return List.copyOf(spans);
  }
}
