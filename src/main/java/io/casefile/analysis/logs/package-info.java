/**
 * Log template mining and log signals, pure and in memory: an online Drain-style miner with a
 * fixed-depth parse tree and generic variable masking (the same miner for every source), and the
 * analyser that compares per-template counts between a baseline and an incident window with an
 * exact binomial test under false-discovery-rate control.
 */
package io.casefile.analysis.logs;
