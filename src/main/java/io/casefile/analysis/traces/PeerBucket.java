package io.casefile.analysis.traces;

import java.time.Instant;
import java.util.Objects;

/** Client calls to one peer in one time bucket of the incident window. */
public record PeerBucket(Instant start, long calls, long errors, double p99Micros) {
  public PeerBucket {
    Objects.requireNonNull(start, "bucket start");
    if (calls < 0 || errors < 0 || errors > calls) {
      throw new IllegalArgumentException("bucket at " + start + " needs 0 <= errors <= calls, got "
          + errors + "/" + calls);
    }
  }
}
