package io.casefile.store;

import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a request series is asked for: a flow (null for every request), or one series per flow
 * ({@code perFlow}); the range cut into buckets of {@code bucket}; a cohort (attribute = value,
 * all of them) whose requests are counted beside the rest, empty for none; the duration
 * quantiles only with {@code latency} (they cost more than the counts).
 */
public record SeriesQuery(Flow flow, boolean perFlow, TimeRange range, Duration bucket, Map<String, String> cohort,
    boolean latency) {
  public SeriesQuery {
    Objects.requireNonNull(range, "series range");
    Objects.requireNonNull(bucket, "series bucket");
    if (bucket.toMillis() < 1000) {
      throw new IllegalArgumentException("a series bucket must be at least 1 s, got " + bucket);
    }
    if (flow != null && perFlow) {
      throw new IllegalArgumentException("a series is either for one flow or per flow, not both");
    }
    cohort = cohort == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(cohort));
  }

  /** A bucket length that cuts the range into about {@code target} buckets: 10 s at least, whole seconds. */
  public static Duration bucketFor(TimeRange range, int target) {
    long seconds = Math.max(10, (long) Math.ceil(Duration.between(range.from(), range.to()).toSeconds() / (double) target));
    long[] nice = {10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400};
    for (long n : nice) {
      if (n >= seconds) {
        return Duration.ofSeconds(n);
      }
    }
    return Duration.ofSeconds(seconds);
  }
}
