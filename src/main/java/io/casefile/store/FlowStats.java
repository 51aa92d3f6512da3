package io.casefile.store;

/**
 * Request statistics of one flow (service × operation) in a time range; durations in milliseconds.
 */
public record FlowStats(String service, String operation, long requests, long errors, double errorRate,
    double p50Ms, double p95Ms, double p99Ms) {}
