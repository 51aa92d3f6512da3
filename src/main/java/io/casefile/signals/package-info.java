/**
 * The trace and metric signals of an investigation: each signal reads its aggregates through the
 * {@link io.casefile.store.TelemetryReader} seam (error paths, tail self-times, peer health, metric
 * points), hands them to the pure analysers of {@code io.casefile.analysis.traces} and
 * {@code io.casefile.analysis.metrics}, and returns typed results plus findings that carry their
 * numbers and the query that reproduces them. A source that cannot answer a signal's part says so
 * in an unavailable answer instead of a result. Signals are registered explicitly in
 * {@link io.casefile.signals.SignalSources}.
 */
package io.casefile.signals;
