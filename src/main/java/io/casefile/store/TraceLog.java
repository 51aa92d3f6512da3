package io.casefile.store;

import java.time.Instant;

/** A log record: when, how severe, which service, span and trace, its body and template. */
public record TraceLog(Instant time, String severity, String service, String spanId, String body, Long templateId,
    String traceId) {}
