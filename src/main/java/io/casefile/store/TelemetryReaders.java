package io.casefile.store;

import java.util.function.Function;

/**
 * Where {@link TelemetryReader}s come from: each piece of work (one investigation, one workbench
 * request) gets a reader for its duration. The embedded store hands out one on a fresh reader
 * connection; a stateless remote source hands out the same reader every time.
 */
public interface TelemetryReaders {
  <T> T withReader(Function<TelemetryReader, T> work);

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
