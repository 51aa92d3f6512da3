/**
 * The trace and metric signals of an investigation, computed over the store: each signal runs its
 * aggregate query in DuckDB (error paths and self-times with recursive CTEs over a deterministic
 * sample of traces), hands the rows to the pure analysers of {@code io.casefile.analysis.traces} and
 * {@code io.casefile.analysis.metrics}, and returns typed results plus findings that carry their
 * numbers and the SQL that reproduces them. Signals are registered explicitly in
 * {@link io.casefile.signals.SignalSources}.
 */
package io.casefile.signals;
