/**
 * Telemetry storage: the {@link io.casefile.store.TelemetryStore} read interface the analysis uses
 * (aggregates pushed down to the engine, each answer carrying the SQL that reproduces it) and its
 * embedded DuckDB implementation, which owns the one writing connection, applies its own and the
 * features' {@link io.casefile.store.Schema}s at open, hands out duplicate connections to readers
 * and gives each feature its {@link io.casefile.store.FeatureTables} for its own tables.
 */
package io.casefile.store;
