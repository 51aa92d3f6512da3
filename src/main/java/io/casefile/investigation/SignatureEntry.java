package io.casefile.investigation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * One part of the error signature: a value of a kind ({@code status_code}, {@code error.type},
 * {@code exception.type}, {@code log}) seen in the affected requests, with its count in the
 * incident window and in the baseline (scaled to no common length: raw counts).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SignatureEntry(String kind, String value, long count, long baselineCount, boolean isNew, String evidence) {
  public SignatureEntry {
    Objects.requireNonNull(kind, "signature kind");
    Objects.requireNonNull(value, "signature value");
    if (count < 0 || baselineCount < 0) {
      throw new IllegalArgumentException("signature counts must be >= 0, got " + count + ", " + baselineCount);
    }
  }
}
