package io.casefile.investigation;

import io.casefile.model.Reason;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A service ranked as where the fault most likely is: the strongest {@code kind} of evidence
 * ({@code errors}, {@code latency}, {@code logs}, {@code resource} or {@code traffic}), a score in
 * [0, 1] relative to the other candidates, the operation and instance the evidence points at when it
 * does, the reasons with their numbers and the evidence ids that reproduce them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RootCause(
    String service,
    @JsonInclude(JsonInclude.Include.NON_NULL) String operation,
    @JsonInclude(JsonInclude.Include.NON_NULL) String instance,
    String kind,
    double score,
    List<Reason> reasons,
    List<String> evidence) {
  static final Set<String> KINDS = Set.of("errors", "latency", "logs", "resource", "traffic");

  public RootCause {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("a root cause needs a service");
    }
    Objects.requireNonNull(kind, "root cause kind");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("root cause kind must be one of " + KINDS + ", got " + kind);
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("root cause score must be in [0, 1], got " + score);
    }
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
