package io.casefile.demo;

import java.util.Objects;

/**
 * What a scenario does to one hop: fail with {@code failure} with probability
 * {@code failProbability}, and otherwise stretch its own latency by {@code latencyFactor}.
 */
record Effect(double failProbability, Failure failure, double latencyFactor) {
  static final Effect NONE = new Effect(0, null, 1);

  Effect {
    if (failProbability < 0 || failProbability > 1) {
      throw new IllegalArgumentException("failProbability must be in [0, 1], got " + failProbability);
    }
    if (failProbability > 0) {
      Objects.requireNonNull(failure, "failure when failProbability > 0");
    }
    if (!(latencyFactor > 0)) {
      throw new IllegalArgumentException("latencyFactor must be positive, got " + latencyFactor);
    }
  }

  static Effect fail(double probability, Failure failure) {
    return new Effect(probability, failure, 1);
  }

  static Effect slow(double factor) {
    return new Effect(0, null, factor);
  }
}
