package io.casefile.analysis.effect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/** Requests and errors summed over [from, to), with the error rate and failures per minute. */
public record RateWindow(Instant from, Instant to, long requests, long errors) {

  @JsonProperty("rate")
  public double rate() {
    return requests == 0 ? 0.0 : (double) errors / requests;
  }

  @JsonProperty("errors_per_minute")
  public double errorsPerMinute() {
    double minutes = Duration.between(from, to).toMillis() / 60_000.0;
    return minutes <= 0 ? 0.0 : errors / minutes;
  }

  /**
   * The binomial variance of the rate estimate, with the rate smoothed by half an error so that an
   * all-success or all-failure window still has some uncertainty.
   */
  double variance() {
    if (requests == 0) {
      return 0.0;
    }
    double p = (errors + 0.5) / (requests + 1.0);
    return p * (1 - p) / requests;
  }

  static RateWindow sum(java.util.List<Bucket> buckets, Instant from, Instant to) {
    long n = 0;
    long e = 0;
    for (Bucket b : buckets) {
      if (!b.start().isBefore(from) && b.start().isBefore(to)) {
        n += b.requests();
        e += b.errors();
      }
    }
    return new RateWindow(from, to, n, e);
  }
}
