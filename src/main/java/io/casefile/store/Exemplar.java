package io.casefile.store;

import java.time.Instant;

/** A request that shows a symptom: its trace, where it was served, when, how long, and whether it failed. */
public record Exemplar(String traceId, String service, String operation, Instant start, long durationUs,
    boolean error, String statusMessage) {}
