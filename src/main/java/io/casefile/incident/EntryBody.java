package io.casefile.incident;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The typed content of one casefile entry. Entries are never edited: a correction, a hypothesis'
 * new status or an action's measured effect is a new entry that refers to the earlier one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EntryBody.Fact.class, name = "fact"),
  @JsonSubTypes.Type(value = EntryBody.Hypothesis.class, name = "hypothesis"),
  @JsonSubTypes.Type(value = EntryBody.Action.class, name = "action"),
  @JsonSubTypes.Type(value = EntryBody.Effect.class, name = "effect"),
  @JsonSubTypes.Type(value = EntryBody.Decision.class, name = "decision"),
  @JsonSubTypes.Type(value = EntryBody.StatusChange.class, name = "status_change"),
  @JsonSubTypes.Type(value = EntryBody.StatusUpdate.class, name = "status_update"),
  @JsonSubTypes.Type(value = EntryBody.Note.class, name = "note"),
  @JsonSubTypes.Type(value = EntryBody.RootCause.class, name = "root_cause"),
  @JsonSubTypes.Type(value = EntryBody.Snapshot.class, name = "snapshot"),
})
public sealed interface EntryBody {

  /** The wire name of this entry's type, as in {@code "type": "fact"}. */
  default String typeName() {
    return EntryType.of(this).wireName();
  }

  /** Evidence, usually from an investigation: a statement with its numbers and reproducing query. */
  record Fact(String statement, String source, java.util.Map<String, Double> numbers, String query)
      implements EntryBody {
    public Fact {
      Texts.require(statement, "fact statement");
      numbers = numbers == null ? java.util.Map.of() : java.util.Map.copyOf(numbers);
    }
  }

  /** A hypothesis, or a revision of an earlier one ({@code revises} is that entry's seq). */
  record Hypothesis(
      String statement,
      HypothesisStatus status,
      java.util.List<String> evidenceFor,
      java.util.List<String> evidenceAgainst,
      Long revises)
      implements EntryBody {
    public Hypothesis {
      Texts.require(statement, "hypothesis statement");
      status = status == null ? HypothesisStatus.OPEN : status;
      evidenceFor = evidenceFor == null ? java.util.List.of() : java.util.List.copyOf(evidenceFor);
      evidenceAgainst = evidenceAgainst == null ? java.util.List.of() : java.util.List.copyOf(evidenceAgainst);
    }
  }

  /**
   * Something done to the system. A mitigation may not start while another one's observation
   * window is open unless forced with a reason; {@code confounds} lists the actions it overlaps.
   * {@code target} is free text; {@code lever}, when given, is the machine-readable target.
   */
  record Action(
      ActionKind kind,
      String summary,
      String target,
      String expectedEffect,
      java.time.Duration observationWindow,
      String forcedReason,
      java.util.List<Long> confounds,
      String snapshotId,
      Lever lever)
      implements EntryBody {
    public static final java.time.Duration DEFAULT_WINDOW = java.time.Duration.ofMinutes(5);

    /** An action without a machine-readable target. */
    public Action(ActionKind kind, String summary, String target, String expectedEffect,
        java.time.Duration observationWindow, String forcedReason, java.util.List<Long> confounds, String snapshotId) {
      this(kind, summary, target, expectedEffect, observationWindow, forcedReason, confounds, snapshotId, null);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public Action {
      java.util.Objects.requireNonNull(kind, "action kind");
      Texts.require(summary, "action summary");
      observationWindow = observationWindow == null ? DEFAULT_WINDOW : observationWindow;
      if (observationWindow.isNegative() || observationWindow.isZero()
          || observationWindow.compareTo(java.time.Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException(
            "observation_window must be positive and at most PT24H, got: " + observationWindow);
      }
      confounds = confounds == null ? java.util.List.of() : java.util.List.copyOf(confounds);
    }

    Action withOverlap(String reason, java.util.List<Long> overlapping, String snapshot) {
      return new Action(kind, summary, target, expectedEffect, observationWindow, reason, overlapping, snapshot, lever);
    }
  }

  /** The measured effect of an action, recorded by Casefile when its window ended. */
  record Effect(long action, io.casefile.analysis.effect.EffectVerdict verdict, String explanation,
      io.casefile.analysis.effect.EffectMeasurement measurement)
      implements EntryBody {
    public Effect {
      java.util.Objects.requireNonNull(verdict, "verdict");
      explanation = explanation == null ? "" : explanation;
    }
  }

  record Decision(String decision, String rationale) implements EntryBody {
    public Decision {
      Texts.require(decision, "decision");
    }
  }

  record StatusChange(IncidentStatus from, IncidentStatus to, String reason) implements EntryBody {
    public StatusChange {
      java.util.Objects.requireNonNull(to, "status");
    }
  }

  /** A status update as published (or drafted and recorded) to people. */
  record StatusUpdate(IncidentStatus status, String text, java.time.Instant nextUpdateAt, String idempotencyKey)
      implements EntryBody {
    public StatusUpdate {
      java.util.Objects.requireNonNull(status, "status");
      Texts.require(text, "status update text");
    }
  }

  record Note(String text) implements EntryBody {
    public Note {
      Texts.require(text, "note text");
    }
  }

  /**
   * The root cause, kept apart from the trigger and the mitigation; or an explicit "root cause
   * unknown", which needs a reason and a follow-up.
   */
  record RootCause(String statement, boolean unknown, String reason, String followUp, String trigger)
      implements EntryBody {
    public RootCause {
      if (unknown) {
        Texts.require(reason, "reason (why the root cause is unknown)");
        Texts.require(followUp, "follow_up (how the root cause will be found)");
        statement = statement == null || statement.isBlank() ? "Root cause unknown" : statement;
      } else {
        Texts.require(statement, "root cause statement (or unknown: true with reason and follow_up)");
      }
    }
  }

  /** An evidence snapshot frozen into the casefile, with its manifest's SHA-256. */
  record Snapshot(String snapshotId, String reason, java.time.Instant from, java.time.Instant to,
      String manifestSha256, java.util.Map<String, Long> rows)
      implements EntryBody {
    public Snapshot {
      Texts.require(snapshotId, "snapshot id");
      rows = rows == null ? java.util.Map.of() : java.util.Map.copyOf(rows);
    }
  }
}
