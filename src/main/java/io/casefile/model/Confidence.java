package io.casefile.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a suspect's evidence supports it. */
public enum Confidence {
  STRONG, MODERATE, WEAK;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Confidence parse(String text) {
    for (Confidence c : values()) {
      if (c.wireName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("confidence must be strong, moderate or weak, got: " + text);
  }
}
