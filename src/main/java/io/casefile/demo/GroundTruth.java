package io.casefile.demo;

import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a scenario injected, as an investigation should find it. Written as {@code truth.json}
 * (snake_case names); the schema is documented in {@code docs/ground-truth.md}.
 *
 * @param signal {@code errors}, {@code latency:p99} or {@code throughput}
 * @param affectedCohort a disjunction of attribute conjunctions; empty when the whole flow is affected
 * @param causalChangeId the id of the change that caused it, null when no recorded change did
 * @param changeIds every change event the scenario emitted, in time order
 * @param errorSignature the error at the origin of the failures, null for a pure latency signal
 */
public record GroundTruth(
    String scenario,
    long seed,
    String description,
    Instant dataStart,
    Instant dataEnd,
    String signal,
    Instant onset,
    TimeRange timeRange,
    List<Flow> affectedFlows,
    List<Map<String, String>> affectedCohort,
    String causalChangeId,
    List<String> changeIds,
    Signature errorSignature,
    String logTemplate,
    Component errorPath,
    Mitigation mitigation) {

  public static final Set<String> SIGNALS = Set.of("errors", "latency:p99", "throughput");

  public GroundTruth {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(onset, "onset");
    Objects.requireNonNull(timeRange, "timeRange");
    if (!SIGNALS.contains(signal)) {
      throw new IllegalArgumentException("signal must be one of " + SIGNALS + ", got " + signal);
    }
    if (!timeRange.contains(onset)) {
      throw new IllegalArgumentException("onset " + onset + " is outside the time range " + timeRange);
    }
    affectedFlows = List.copyOf(affectedFlows);
    if (affectedFlows.isEmpty()) {
      throw new IllegalArgumentException("a scenario affects at least one flow");
    }
    affectedCohort = affectedCohort.stream().map(Map::copyOf).toList();
    changeIds = List.copyOf(changeIds);
    if (causalChangeId != null && !changeIds.contains(causalChangeId)) {
      throw new IllegalArgumentException("causal change " + causalChangeId + " is not among " + changeIds);
    }
    Objects.requireNonNull(errorPath, "errorPath");
    Objects.requireNonNull(mitigation, "mitigation");
  }

  /** An error signature: its kind (for example {@code exception.type}) and value. */
  public record Signature(String kind, String value) {
    public Signature {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }
  }

  /** The component at the origin of the failures or latency; {@code peer} is null inside the service. */
  public record Component(String service, String operation, String peer) {
    public Component {
      Objects.requireNonNull(service, "service");
    }
  }

  /** The action that would contain the incident, and what it acts on. */
  public record Mitigation(String action, String target, String detail) {
    public Mitigation {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(target, "target");
    }
  }
}
