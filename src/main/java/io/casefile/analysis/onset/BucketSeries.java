package io.casefile.analysis.onset;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Equal-width buckets starting at {@code start}: per bucket the request count, the error count and
 * a value (the latency quantile in ms for latency series; NaN where a bucket has no requests).
 */
public record BucketSeries(Instant start, Duration bucket, long[] requests, long[] errors, double[] values) {
  public BucketSeries {
    Objects.requireNonNull(start, "series start");
    Objects.requireNonNull(bucket, "series bucket");
    if (bucket.isNegative() || bucket.isZero()) {
      throw new IllegalArgumentException("bucket width must be positive, got " + bucket);
    }
    Objects.requireNonNull(requests, "requests");
    errors = errors == null ? new long[requests.length] : errors;
    values = values == null ? filledNaN(requests.length) : values;
    if (errors.length != requests.length || values.length != requests.length) {
      throw new IllegalArgumentException("series arrays must have equal lengths, got "
          + requests.length + ", " + errors.length + ", " + values.length);
    }
    for (int i = 0; i < requests.length; i++) {
      if (requests[i] < 0 || errors[i] < 0 || errors[i] > requests[i]) {
        throw new IllegalArgumentException("bucket " + i + " must have 0 <= errors <= requests, got errors="
            + errors[i] + " requests=" + requests[i]);
      }
    }
    requests = requests.clone();
    errors = errors.clone();
    values = values.clone();
  }

  private static double[] filledNaN(int n) {
    double[] v = new double[n];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  public int size() {
    return requests.length;
  }

  public Instant bucketStart(int i) {
    return start.plus(bucket.multipliedBy(i));
  }

  public Instant end() {
    return bucketStart(size());
  }

  public long requests(int i) {
    return requests[i];
  }

  public long errors(int i) {
    return errors[i];
  }

  public double value(int i) {
    return values[i];
  }

  /** The first bucket with any request, or {@link #size()} when there is none. */
  public int firstActive() {
    int i = 0;
    while (i < requests.length && requests[i] == 0) {
      i++;
    }
    return i;
  }

  /** The buckets from {@code from} on: time before a flow existed is not its baseline. */
  public BucketSeries from(int from) {
    if (from < 0 || from > size()) {
      throw new IllegalArgumentException("series slice must start within 0.." + size() + ", got " + from);
    }
    if (from == 0) {
      return this;
    }
    return new BucketSeries(bucketStart(from), bucket, Arrays.copyOfRange(requests, from, size()),
        Arrays.copyOfRange(errors, from, size()), Arrays.copyOfRange(values, from, size()));
  }

  public long totalRequests(int from, int to) {
    long s = 0;
    for (int i = from; i < to; i++) {
      s += requests[i];
    }
    return s;
  }

  public long totalErrors(int from, int to) {
    long s = 0;
    for (int i = from; i < to; i++) {
      s += errors[i];
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BucketSeries s && start.equals(s.start) && bucket.equals(s.bucket)
        && Arrays.equals(requests, s.requests) && Arrays.equals(errors, s.errors) && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, bucket, Arrays.hashCode(requests), Arrays.hashCode(errors), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "BucketSeries[" + start + " +" + bucket + " x" + size() + "]";
  }
}
