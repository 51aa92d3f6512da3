/**
 * Telemetry storage: the {@link io.casefile.store.TelemetryStore} read interface the analysis uses
 * (aggregates pushed down to the engine, each answer carrying the SQL that reproduces it) and its
 * embedded DuckDB implementation, which owns the one writing connection, applies the registered
 * {@link io.casefile.store.Schema}s at open and hands out duplicate connections to readers.
 */
package io.casefile.store;
