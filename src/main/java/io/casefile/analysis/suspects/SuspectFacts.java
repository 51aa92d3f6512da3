package io.casefile.analysis.suspects;

import io.casefile.model.ChangeEvent;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one candidate change: its scope match (null when its scope could not be
 * measured), its path match, extra reasons (e.g. how a derived change was found) and the evidence
 * ids backing them.
 */
public record SuspectFacts(ChangeEvent change, ScopeMatch scope, PathMatch path, List<String> notes, List<String> evidence) {
  public SuspectFacts {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(path, "path match");
    notes = notes == null ? List.of() : List.copyOf(notes);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
