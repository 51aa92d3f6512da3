package io.casefile.signals;

import java.util.List;

/** The explicit registry of signals; no classpath scanning. */
public final class SignalSources {
  private SignalSources() {}

  /** Every signal with its default options, in report order. */
  public static List<SignalSource> standard() {
    return List.of(
        new ErrorOriginSignal(),
        new LatencySignal(),
        new DependencySignal(),
        new MetricSignal());
  }
}
