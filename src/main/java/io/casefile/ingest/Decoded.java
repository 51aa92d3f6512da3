package io.casefile.ingest;

import io.casefile.store.TelemetryBatch;

/**
 * A decoded OTLP request: the rows to store, how many items were rejected as invalid, and a
 * message for the client (why items were rejected or attributes dropped; null when all is well).
 */
public record Decoded(TelemetryBatch batch, long rejected, String message) {}
