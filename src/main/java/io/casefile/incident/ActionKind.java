package io.casefile.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an action is taken: to stop the damage, to learn something, or to fix the cause. */
public enum ActionKind {
  MITIGATION, DIAGNOSTIC, CORRECTION;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ActionKind parse(String value) {
    if (value != null) {
      for (ActionKind k : values()) {
        if (k.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException("action kind must be one of mitigation|diagnostic|correction, got: " + value);
  }
}
