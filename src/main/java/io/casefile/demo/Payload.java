package io.casefile.demo;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One OTLP/HTTP protobuf request body as the shop sends it: an {@code ExportTraceServiceRequest},
 * {@code ExportLogsServiceRequest} or {@code ExportMetricsServiceRequest}, by {@code signal}
 * ({@code traces}, {@code logs} or {@code metrics}). {@code time} is the simulated time it is sent at.
 */
public record Payload(String signal, Instant time, byte[] body) {
  public static final Set<String> SIGNALS = Set.of("traces", "logs", "metrics");

  public Payload {
    if (!SIGNALS.contains(signal)) {
      throw new IllegalArgumentException("payload signal must be one of " + SIGNALS + ", got " + signal);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(body, "body");
  }

  /** The OTLP/HTTP path it is posted to, e.g. {@code /v1/traces}. */
  public String path() {
    return "/v1/" + signal;
  }
}
