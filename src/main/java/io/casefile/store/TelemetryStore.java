package io.casefile.store;

import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.util.List;

/**
 * What the workbench, the API and the drills read from Casefile's own store: the catalogue
 * (services, flows, changes, attribute keys) and the browsing queries (series, attribute shares,
 * traces, exemplars, log examples), each answer with the SQL that reproduces it. Investigations
 * read through the {@link TelemetryReader}s it hands out. Implementations are thread-safe.
 * {@link TelemetryStoreContract} in the tests is the suite every implementation passes.
 */
public interface TelemetryStore extends TelemetryReaders, AutoCloseable {
  /** Services seen in spans, by name. */
  QueryResult<ServiceSummary> services();

  /** Request counts, errors and duration quantiles per flow for requests starting in the range. */
  QueryResult<FlowStats> flows(TimeRange range);

  /** Change events in the range, oldest first; {@code service} null for all. */
  QueryResult<ChangeEvent> changes(TimeRange range, String service);

  /** The attribute keys queryable as span columns, with approximate distinct counts. */
  QueryResult<AttributeKey> attributeKeys();

  /** Requests per time bucket (see {@link SeriesQuery}). */
  QueryResult<SeriesPoint> series(SeriesQuery q);

  /** Per attribute value, the failing requests of the incident window against the baseline's requests. */
  QueryResult<AttributeShare> attributeShares(Flow flow, TimeRange incident, TimeRange baseline, List<String> keys);

  /** The spans of a trace (32 hex digits), oldest first; empty when it is not stored. */
  QueryResult<StoredSpan> traceSpans(String traceId);

  /** The log records linked to a trace, oldest first. */
  QueryResult<TraceLog> traceLogs(String traceId);

  /** The latest log records of a log template (its text) in a range. */
  QueryResult<TraceLog> logExamples(String template, TimeRange range, int limit);

  /** Example traces of a service operation: its latest failures, or its slowest spans. */
  QueryResult<Exemplar> exemplars(Flow flow, TimeRange range, boolean slowest, int limit);

  @Override
  void close();
}
