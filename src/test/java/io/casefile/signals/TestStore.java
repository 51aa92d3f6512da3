package io.casefile.signals;

import io.casefile.analysis.metrics.MetricPoint;
import io.casefile.analysis.traces.TraceSpan;
import io.casefile.store.DuckDbStore;
import io.casefile.store.SpanRow;
import io.casefile.store.TelemetryBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An in-memory store filled through its write API from hand-built spans and metric points
 * (string ids hashed to the stored fixed-width ids), with one reader connection.
 */
final class TestStore implements AutoCloseable {
  private static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");

  final DuckDbStore store = DuckDbStore.inMemory();
  final Connection db = store.connection();

  void insert(Collection<TraceSpan> spans) {
    List<SpanRow> rows = new ArrayList<>();
    for (TraceSpan s : spans) {
      String[] keys = {"server.address"};
      String[] values = {s.peer()};
      int attrs = s.kind() == io.casefile.analysis.traces.SpanKind.CLIENT && s.peer() != null ? 1 : 0;
      rows.add(new SpanRow(hash(s.traceId(), 1), hash(s.traceId(), 2), hash(s.traceId() + "/" + s.spanId(), 3),
          s.parentSpanId() == null ? 0 : hash(s.traceId() + "/" + s.parentSpanId(), 3),
          s.startMicros(), s.durationMicros(), s.kind().code(), s.operation(), s.error() ? 2 : 0, "",
          s.service(), s.operation(), s.request(), s.error(), keys, values, attrs));
    }
    store.write(List.of(TelemetryBatch.ofSpans(rows)), NOW);
  }

  void insertMetrics(String service, Collection<MetricPoint> points) {
    List<io.casefile.store.MetricPoint> rows = new ArrayList<>();
    for (MetricPoint p : points) {
      rows.add(new io.casefile.store.MetricPoint(
          p.time().getEpochSecond() * 1_000_000L + p.time().getNano() / 1000, service, p.name(),
          p.unit(), p.kind().wireName(), p.value(), p.count(), p.bounds(), p.bucketCounts(),
          p.series().isEmpty() ? Map.of() : Map.of("route", p.series())));
    }
    store.write(List.of(new TelemetryBatch(List.of(), List.of(), rows)), NOW);
  }

  /** A stable non-zero 64-bit id. */
  private static long hash(String text, int salt) {
    long h = 1125899906842597L * salt;
    for (char c : text.toCharArray()) {
      h = 31 * h + c;
    }
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 32;
    return h == 0 ? 1 : h;
  }

  @Override
  public void close() throws SQLException {
    db.close();
    store.close();
  }
}
