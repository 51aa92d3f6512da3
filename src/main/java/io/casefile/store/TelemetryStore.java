package io.casefile.store;

import io.casefile.model.ChangeEvent;
import io.casefile.model.TimeRange;

/**
 * The read side every telemetry source implements (embedded DuckDB now; others later). Each answer
 * carries the SQL (or source query) that reproduces it. Implementations are thread-safe.
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

  @Override
  void close();
}
