package io.casefile.server;

import io.casefile.store.TelemetryWriter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server hands back once ingest has gone idle after a load, so that RSS returns near its
 * idle level instead of staying at the load's peak: DuckDB's cached blocks (see
 * {@link TelemetryWriter#releaseMemory}), then the JVM heap, compacted by one full collection so that
 * G1 uncommits the free regions (a periodic concurrent cycle keeps most of them committed).
 * Runs on the ingest queue's loader thread (see {@code IngestQueue#whenIdle}), once a load
 * transaction's worth of rows has been loaded since it last ran.
 */
final class IdleMemoryRelease implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(IdleMemoryRelease.class);
  /** Idle this long after the last load before memory is handed back. */
  static final Duration AFTER = Duration.ofSeconds(10);

  private final TelemetryWriter store;

  IdleMemoryRelease(TelemetryWriter store) {
    this.store = store;
  }

  @Override
  public void run() {
    Runtime rt = Runtime.getRuntime();
    long heapBefore = rt.totalMemory();
    TelemetryWriter.Released duck = store.releaseMemory();
    System.gc();
    LOG.info("ingest idle: memory handed back (DuckDB {} -> {} MiB, JVM heap committed {} -> {} MiB)",
        duck.beforeBytes() >> 20, duck.afterBytes() >> 20, heapBefore >> 20, rt.totalMemory() >> 20);
  }
}
