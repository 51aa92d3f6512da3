/**
 * Ranks the services where a fault most likely is, from aggregates of two windows (a baseline and
 * the incident): each service's own time (self time, not the time it waits on other services), the
 * latency its callers observe on calls into it beyond its own server time (network and queueing),
 * calls it stopped making, requests cut short right after calling it (a spectrum over cut-short and
 * complete spans, as MicroRank), new or rising warning and error log templates, and its pods' metrics
 * leaving their baseline (robust z-scores as in BARO). The call graph keeps a caller that is slow or
 * failing because of its callee behind that callee. Plain Java: no I/O, no clock.
 */
package io.casefile.analysis.rootcause;
