package io.casefile.analysis.onset;

import java.util.Optional;

/** Finds where a bucketed series changed for the worse; empty when it did not. */
public interface OnsetDetector {
  /** A stable name for reports, e.g. {@code binomial}. */
  String name();

  Optional<ChangePoint> detect(BucketSeries series);
}
