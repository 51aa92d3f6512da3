package io.casefile.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a hypothesis stands. */
public enum HypothesisStatus {
  OPEN, SUPPORTED, REFUTED, CONFIRMED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static HypothesisStatus parse(String value) {
    if (value != null) {
      for (HypothesisStatus s : values()) {
        if (s.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException("hypothesis status must be one of open|supported|refuted|confirmed, got: " + value);
  }
}
