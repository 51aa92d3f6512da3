package io.casefile.store;

import java.util.function.Function;

/**
 * Where {@link TelemetryReader}s come from: each piece of work (one investigation, one workbench
 * request) gets a reader for its duration. The embedded store hands out one on a fresh reader
 * connection; a stateless remote source hands out the same reader every time.
 */
public interface TelemetryReaders {
  <T> T withReader(Function<TelemetryReader, T> work);

  /**
   * The same over what is already stored, for background work that may lag the last acknowledged
   * data by a few seconds: the embedded store neither waits for nor forces the load of rows still
   * on their way from the ingest log (a forced load commits a part of a row group, through the WAL,
   * and holds up the loader). A source without an ingest pipeline reads as {@link #withReader}.
   */
  default <T> T withStoredReader(Function<TelemetryReader, T> work) {
    return withReader(work);
  }

  /** Every piece of work reads through the same (thread-safe) reader. */
  static TelemetryReaders single(TelemetryReader reader) {
    return new TelemetryReaders() {
      @Override
      public <T> T withReader(Function<TelemetryReader, T> work) {
        return work.apply(reader);
      }
    };
  }
}
