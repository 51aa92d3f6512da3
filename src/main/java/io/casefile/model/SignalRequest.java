package io.casefile.model;

import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.util.List;
import java.util.Objects;

/**
 * What the signals are asked about: the flow (null for the whole environment, whose requests are
 * then every request span), the incident window and the baseline to compare it with, the
 * implicated services whose metrics to examine (the flow's service when empty), and the most
 * traces examined in the incident window (the most recent ones beyond that; a quarter as many in
 * the baseline, which only serves for comparison).
 */
public record SignalRequest(Flow flow, TimeRange incident, TimeRange baseline,
    List<String> services, int maxTraces) {

  public static final int DEFAULT_MAX_TRACES = 2_000;

  public SignalRequest {
    Objects.requireNonNull(incident, "incident window");
    Objects.requireNonNull(baseline, "baseline window");
    services = services == null ? List.of() : List.copyOf(services);
    if (maxTraces < 1) {
      throw new IllegalArgumentException("maxTraces must be >= 1, got " + maxTraces);
    }
  }

  public static SignalRequest of(Flow flow, TimeRange incident, TimeRange baseline) {
    return new SignalRequest(flow, incident, baseline, List.of(), DEFAULT_MAX_TRACES);
  }

  /** The most traces examined in the baseline window. */
  public int baselineMaxTraces() {
    return Math.max(1, maxTraces / 4);
  }

  /** The services whose metrics to examine. */
  public List<String> metricServices() {
    return services.isEmpty() && flow != null ? List.of(flow.service()) : services;
  }

  /** {@code checkout POST /checkout}, or empty for the whole environment. */
  public String flowLabel() {
    return flow == null ? "" : flow.service() + " " + flow.operation();
  }
}
