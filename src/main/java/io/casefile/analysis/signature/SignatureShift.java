package io.casefile.analysis.signature;

/**
 * A signature value that is new or increased: its counts, the count the baseline predicts for the
 * incident window's traffic, and whether it is absent from the baseline.
 */
public record SignatureShift(SignatureCount count, double expected, boolean isNew) {
  public double excess() {
    return count.count() - expected;
  }
}
