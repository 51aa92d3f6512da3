/**
 * Telemetry storage, behind small interfaces: {@link io.casefile.store.TelemetryReader} (what an
 * investigation reads, from DuckDB or a Prometheus-compatible source, each answer with its
 * reproducing query), {@link io.casefile.store.TelemetryStore} (the workbench's catalogue and
 * browsing queries, which hands out readers), {@link io.casefile.store.TelemetryWriter} (ingest,
 * change events) and {@link io.casefile.store.LogTemplateStore}; {@link io.casefile.store.SnapshotFiles}
 * freezes telemetry windows to Parquet. The embedded DuckDB implementation owns the one writing
 * connection, applies its own and the features' {@link io.casefile.store.Schema}s at open, hands out
 * duplicate connections to readers and gives each feature its {@link io.casefile.store.FeatureTables}
 * for its own tables. Only the place that opens the store names {@link io.casefile.store.DuckDbStore}.
 */
package io.casefile.store;
