package io.casefile.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/** A change ranked as a possible cause: score in [0, 1], confidence, reasons and evidence ids. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Suspect(
    ChangeEvent change, double score, Confidence confidence, List<Reason> reasons, List<String> evidence) {
  public Suspect {
    Objects.requireNonNull(change, "suspect change");
    Objects.requireNonNull(confidence, "suspect confidence");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("suspect score must be in [0, 1], got " + score);
    }
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
