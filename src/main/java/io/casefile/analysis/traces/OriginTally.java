package io.casefile.analysis.traces;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error origins counted in one window: the flow's requests, its failed traces, how many of those
 * were examined (a deterministic sample when there are many), how many examined traces ended at
 * each origin, and in how many each service lay on the error path.
 */
public record OriginTally(
    long requests,
    long failedTraces,
    long sampledTraces,
    Map<Component, Long> origins,
    Map<String, Long> pathServices) {

  public OriginTally {
    if (requests < 0 || failedTraces < 0 || sampledTraces < 0) {
      throw new IllegalArgumentException("origin tally counts must be >= 0, got requests="
          + requests + " failed=" + failedTraces + " sampled=" + sampledTraces);
    }
    if (sampledTraces > failedTraces) {
      throw new IllegalArgumentException("sampled traces (" + sampledTraces
          + ") cannot exceed failed traces (" + failedTraces + ")");
    }
    long total = origins.values().stream().mapToLong(Long::longValue).sum();
    if (total > sampledTraces) {
      throw new IllegalArgumentException(
          "origins count " + total + " traces but only " + sampledTraces + " were sampled");
    }
    origins = Map.copyOf(new TreeMap<>(origins));
    pathServices = Map.copyOf(pathServices);
  }

  public static OriginTally empty(long requests) {
    return new OriginTally(requests, 0, 0, Map.of(), Map.of());
  }

  /** Tallies error paths examined in memory; {@code failedTraces} counts the unsampled ones too. */
  public static OriginTally of(long requests, long failedTraces, Collection<ErrorPath> sampled) {
    Map<Component, Long> origins = new TreeMap<>();
    Map<String, Long> services = new TreeMap<>();
    for (ErrorPath p : sampled) {
      origins.merge(p.origin().component(), 1L, Long::sum);
      p.services().forEach(s -> services.merge(s, 1L, Long::sum));
    }
    return new OriginTally(requests, failedTraces, sampled.size(), origins, services);
  }

  /** Whether only part of the failed traces was examined. */
  public boolean sampled() {
    return sampledTraces < failedTraces;
  }
}
