package io.casefile.ingest;

import java.time.Duration;

/**
 * Validation limits at the edge. Items outside them are rejected (counted in partial_success);
 * attributes beyond the per-item limit are dropped with a warning, as OpenTelemetry SDKs do.
 */
public record IngestLimits(int maxAttributesPerItem, int maxValueChars, Duration maxFutureSkew) {
  public static final IngestLimits DEFAULT = new IngestLimits(128, 32_768, Duration.ofDays(1));

  public IngestLimits {
    if (maxAttributesPerItem < 1) {
      throw new IllegalArgumentException("maxAttributesPerItem must be >= 1, got " + maxAttributesPerItem);
    }
    if (maxValueChars < 16) {
      throw new IllegalArgumentException("maxValueChars must be >= 16, got " + maxValueChars);
    }
  }
}
