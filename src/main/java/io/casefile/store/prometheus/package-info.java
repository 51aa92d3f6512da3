/**
 * A Prometheus-compatible metrics source (Prometheus, Thanos, Mimir, Cortex, VictoriaMetrics) for
 * investigations: an HTTP client for the query API with timeouts, retries and limits, a mapping from
 * metric and label names to flows, errors and cohort attributes (presets for the OpenTelemetry
 * Collector's spanmetrics connector and the OpenTelemetry HTTP server metrics), and the read
 * interface implemented in PromQL with the aggregation pushed down to the backend.
 */
package io.casefile.store.prometheus;
