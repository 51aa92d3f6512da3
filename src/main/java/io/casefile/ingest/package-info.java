/**
 * Ingest at the edge: OTLP/HTTP decoding (protobuf through the opentelemetry-proto classes, OTLP/JSON
 * through its own mapping with hex ids), validation that rejects bad items with a count and a
 * reason, change events (native JSON and PagerDuty Change Events v2), and the bounded group-commit
 * queue that acknowledges a request only after its rows are durably committed.
 */
package io.casefile.ingest;
