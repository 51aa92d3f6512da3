package io.casefile.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The entry types of the casefile log, by wire name. */
public enum EntryType {
  FACT, HYPOTHESIS, ACTION, EFFECT, DECISION, STATUS_CHANGE, STATUS_UPDATE, NOTE, ROOT_CAUSE, SNAPSHOT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EntryType parse(String value) {
    if (value != null) {
      for (EntryType t : values()) {
        if (t.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException("entry type must be one of "
        + Arrays.stream(values()).map(EntryType::wireName).collect(Collectors.joining("|"))
        + ", got: " + value);
  }

  static EntryType of(EntryBody body) {
    return switch (body) {
      case EntryBody.Fact f -> FACT;
      case EntryBody.Hypothesis h -> HYPOTHESIS;
      case EntryBody.Action a -> ACTION;
      case EntryBody.Effect e -> EFFECT;
      case EntryBody.Decision d -> DECISION;
      case EntryBody.StatusChange s -> STATUS_CHANGE;
      case EntryBody.StatusUpdate u -> STATUS_UPDATE;
      case EntryBody.Note n -> NOTE;
      case EntryBody.RootCause r -> ROOT_CAUSE;
      case EntryBody.Snapshot s -> SNAPSHOT;
    };
  }
}
