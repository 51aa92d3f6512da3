package io.casefile.store;

import io.casefile.model.ChangeEvent;
import java.time.Instant;
import java.util.List;

/**
 * The write side of Casefile's own store, as ingest and the API drive it: bulk loading of decoded
 * telemetry, promotion of attribute keys to columns, change events, and handing cached memory
 * back once ingest is idle.
 */
public interface TelemetryWriter {
  /** What the store's memory held before and after {@link #releaseMemory}, in bytes. */
  record Released(long beforeBytes, long afterBytes) {}

  /** The key registry's state, for the health endpoint. */
  record KeyStats(int columns, int maxColumns, long windowSpans, long windowSeen, double minShare,
      int trackedKeys, long refused, List<String> lastPromotionCandidates) {}

  /** A new bulk loader on a writer connection of its own, for one thread at a time. */
  BulkLoader newBulkLoader();

  /** Works out, on the caller's thread, what loading the batch needs. */
  PreparedBatch prepare(TelemetryBatch batch);

  /** True when a window of attribute-key use has closed: call {@link #promoteKeys} between loads. */
  boolean promotionDue();

  /** Gives the most used map-held attribute keys columns of their own. */
  void promoteKeys();

  /** Runs before every read, so a read sees everything acknowledged before it began (null: none). */
  void setReadBarrier(Runnable barrier);

  /** Records a change event durably; returns false when one with the same id already exists. */
  boolean recordChange(ChangeEvent change, Instant receivedAt);

  KeyStats keyStats();

  /** Hands cached blocks back (call when ingest is idle). */
  Released releaseMemory();
}
