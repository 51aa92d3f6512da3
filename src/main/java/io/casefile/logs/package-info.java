/**
 * Log templates at ingest: mining each log record body (one miner per store), setting its
 * {@code template_id}, and rebuilding the miner from the stored templates after a restart. The
 * templates are read and written through the store's {@link io.casefile.store.LogTemplateStore}.
 */
package io.casefile.logs;
