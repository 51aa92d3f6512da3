package io.casefile.store;

import java.time.Instant;
import java.util.Map;

/**
 * A span as stored, for showing one trace: ids in hex, timing, kind (the OTLP number), status
 * (0 unset, 1 ok, 2 error) and every attribute it carries.
 */
public record StoredSpan(String traceId, String spanId, String parentSpanId, Instant start, long durationUs,
    int kind, String name, int status, String statusMessage, String service, String operation,
    boolean request, boolean error, Map<String, String> attributes) {}
