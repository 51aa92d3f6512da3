/**
 * Trace signals of an investigation, as pure analysers over in-memory data: the error origin of
 * failed requests (the deepest erroring span on each error path, aggregated by service, operation
 * and peer), latency attribution (whose self-time grew against the baseline) and the health of
 * external dependencies (client spans per peer turning bad). The store queries that feed them live
 * in {@code io.casefile.signals}; the same walks are implemented here on span lists so any source,
 * and the tests, can use them without a database.
 */
package io.casefile.analysis.traces;
