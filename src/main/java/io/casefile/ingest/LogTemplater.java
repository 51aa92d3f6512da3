package io.casefile.ingest;

import io.casefile.store.LogRow;
import java.util.List;

/**
 * Assigns log template ids at ingest. Called on the single writer thread, in arrival order, just
 * before the records are written, so an implementation may keep unsynchronised state.
 */
@FunctionalInterface
public interface LogTemplater {
  LogTemplater NONE = logs -> logs;

  /** The same records, with {@code templateId} set where known. */
  List<LogRow> assign(List<LogRow> logs);
}
