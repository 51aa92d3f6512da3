package io.casefile.incident;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A candidate mitigation derived from the investigation. {@code kind} is {@code rollback},
 * {@code flag_off}, {@code revert_config}, {@code route_away}, {@code shed_dependency} or
 * {@code revert_change}; {@code basis} says which suspect, cohort or signal it comes from.
 * Casefile advises; it does not execute.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Mitigation(
    String kind,
    String action,
    String target,
    boolean reversible,
    String reversibility,
    String blastRadius,
    String expectedEffect,
    String basis,
    String confidence) {
  public Mitigation {
    Texts.require(kind, "mitigation kind");
    Texts.require(action, "mitigation action");
  }
}
