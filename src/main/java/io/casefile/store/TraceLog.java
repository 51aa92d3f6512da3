package io.casefile.store;

import java.time.Instant;

/** A log record linked to a trace: when, how severe, which service and span, its body and template. */
public record TraceLog(Instant time, String severity, String service, String spanId, String body, Long templateId) {}
