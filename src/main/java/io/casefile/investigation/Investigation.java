package io.casefile.investigation;

import io.casefile.model.Confidence;
import io.casefile.model.Suspect;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link Question}. {@code anomaly=false} says nothing is wrong in the window; then
 * {@code symptom} is null and nothing else is invented. {@code unexplained=true} is the explicit
 * "no recorded change explains this". {@code rootCauses} ranks the services where the fault most
 * likely is (empty when nothing moved; the notes then say why). {@code notes} says what could not
 * be measured and why.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Investigation(
    Question question,
    boolean anomaly,
    Symptom symptom,
    List<Suspect> suspects,
    boolean unexplained,
    List<Signal> signals,
    List<Evidence> evidence,
    List<String> notes,
    List<RootCause> rootCauses) {
  public Investigation {
    rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
    Objects.requireNonNull(question, "investigation question");
    suspects = suspects == null ? List.of() : List.copyOf(suspects);
    signals = signals == null ? List.of() : List.copyOf(signals);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    notes = notes == null ? List.of() : List.copyOf(notes);
    if (anomaly && symptom == null) {
      throw new IllegalArgumentException("an anomalous investigation needs a symptom");
    }
    if (!anomaly && (symptom != null || !suspects.isEmpty())) {
      throw new IllegalArgumentException("an investigation without anomaly has no symptom and no suspects");
    }
  }

  public Investigation(Question question, boolean anomaly, Symptom symptom, List<Suspect> suspects,
      boolean unexplained, List<Signal> signals, List<Evidence> evidence, List<String> notes) {
    this(question, anomaly, symptom, suspects, unexplained, signals, evidence, notes, List.of());
  }

  /** This answer with the ranked root causes, their evidence and notes appended. */
  public Investigation withRootCauses(List<RootCause> causes, List<Evidence> allEvidence, List<String> allNotes) {
    return new Investigation(question, anomaly, symptom, suspects, unexplained, signals, allEvidence, allNotes, causes);
  }

  /** The answer when nothing is wrong in the window. */
  public static Investigation noAnomaly(Question question, List<Evidence> evidence, List<String> notes) {
    return new Investigation(question, false, null, List.of(), false, List.of(), evidence, notes);
  }

  /**
   * The suspects that explain the symptom, which containment and the next step follow from: none
   * when no change explains it, and never a weak one.
   */
  public List<Suspect> explainingSuspects() {
    return unexplained ? List.of() : suspects.stream().filter(x -> x.confidence() != Confidence.WEAK).toList();
  }

  /** The evidence with this id, if any. */
  public java.util.Optional<Evidence> evidence(String id) {
    return evidence.stream().filter(e -> e.id().equals(id)).findFirst();
  }
}
