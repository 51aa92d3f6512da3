package io.casefile.store;

import java.util.List;

/** What one ingest request decoded to: the rows to store. */
public record TelemetryBatch(List<SpanRow> spans, List<LogRow> logs, List<MetricPoint> metrics) {
  public TelemetryBatch {
    spans = spans == null ? List.of() : spans;
    logs = logs == null ? List.of() : logs;
    metrics = metrics == null ? List.of() : metrics;
  }

  public static TelemetryBatch ofSpans(List<SpanRow> spans) {
    return new TelemetryBatch(spans, List.of(), List.of());
  }

  public int size() {
    return spans.size() + logs.size() + metrics.size();
  }
}
