package io.casefile.analysis.onset;

import java.util.List;

/** The explicit registry of onset detectors, one per signal. */
public final class OnsetDetectors {
  private OnsetDetectors() {}

  public static OnsetDetector errors() {
    return new BinomialOnsetDetector();
  }

  public static OnsetDetector latency() {
    return new LatencyShiftDetector();
  }

  public static OnsetDetector throughput() {
    return new RateShiftDetector(RateShiftDetector.Direction.DROP);
  }

  /** A traffic-rate change either way, for derived traffic-shift changes. */
  public static OnsetDetector trafficShift() {
    return new RateShiftDetector(RateShiftDetector.Direction.EITHER);
  }

  public static List<OnsetDetector> all() {
    return List.of(errors(), latency(), throughput(), trafficShift());
  }
}
