package io.casefile.ingest;

import io.casefile.store.LogRow;
import java.util.List;

/**
 * Assigns log template ids at ingest. Called by the loader just before the records are appended
 * to the store, one call at a time (under a lock on the templater), so an implementation may keep
 * unsynchronised state.
 */
@FunctionalInterface
public interface LogTemplater {
  LogTemplater NONE = logs -> logs;

  /** The same records, with {@code templateId} set where known. */
  List<LogRow> assign(List<LogRow> logs);
}
