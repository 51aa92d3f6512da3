package io.casefile.comms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** A status update drafted from the casefile, in the order people read it, with its rendered text. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusDraft(
    String incidentId,
    String title,
    String severity,
    String status,
    String impact,
    List<String> whatWeKnow,
    List<String> whatWeSuspect,
    List<String> whatWeAreDoing,
    String nextDecision,
    Instant nextUpdateAt,
    String text) {
  public StatusDraft {
    whatWeKnow = List.copyOf(whatWeKnow);
    whatWeSuspect = List.copyOf(whatWeSuspect);
    whatWeAreDoing = List.copyOf(whatWeAreDoing);
  }
}
