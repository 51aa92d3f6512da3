package io.casefile.store;

import java.time.Instant;

/**
 * One time bucket of a flow's requests (or of every request, when {@code service} is null):
 * requests, errors, the median and p99 duration in milliseconds (null when latency was not asked
 * for), and the requests and errors of a cohort (zero when no cohort was asked for).
 */
public record SeriesPoint(String service, String operation, Instant start, long requests, long errors,
    Double p50Ms, Double p99Ms, long cohortRequests, long cohortErrors) {
  public SeriesPoint {
    if (requests < 0 || errors < 0 || errors > requests || cohortErrors > cohortRequests || cohortRequests > requests) {
      throw new IllegalArgumentException("series counts must satisfy 0 <= errors <= requests and the cohort's within"
          + " them, got requests=" + requests + " errors=" + errors + " cohort=" + cohortErrors + "/" + cohortRequests);
    }
  }
}
