/**
 * Log templates in the store: mining each log record body at ingest (one miner per store), the
 * {@code log_templates} table and its reload after a restart, and the queries the investigation
 * uses for log signals (per-template counts in two windows, trace ids of a template), each
 * returning the SQL it ran.
 */
package io.casefile.logs;
