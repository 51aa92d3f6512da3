package io.casefile.analysis.signature;

import java.util.Objects;

/** How many affected requests carried {@code kind=value} in the baseline and in the incident window. */
public record SignatureCount(String kind, String value, long baselineCount, long count) {
  public SignatureCount {
    Objects.requireNonNull(kind, "signature kind");
    Objects.requireNonNull(value, "signature value");
    if (baselineCount < 0 || count < 0) {
      throw new IllegalArgumentException("signature counts must be >= 0, got " + kind + "=" + value
          + " baseline " + baselineCount + ", incident " + count);
    }
  }
}
