/**
 * The signals' SQL over the DuckDB tables: error paths and self-times with recursive CTEs over a
 * deterministic sample of recent traces, peer health, metric points, log templates and what
 * root-cause ranking reads. {@link io.casefile.store.signals.SignalQueries} is what the embedded
 * {@link io.casefile.store.TelemetryReader} answers these parts with; each query is a small class
 * whose {@code toString()} is the SQL with its values inlined.
 */
package io.casefile.store.signals;
