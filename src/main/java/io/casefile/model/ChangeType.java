package io.casefile.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of change Casefile ranks as suspects. */
public enum ChangeType {
  DEPLOY, ROLLBACK, CONFIG, FEATURE_FLAG, DEPENDENCY, INFRASTRUCTURE, TRAFFIC, OTHER;

  /** The lower-case wire name, e.g. {@code feature_flag}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; names the accepted values when it is not one. */
  @JsonCreator
  public static ChangeType parse(String value) {
    if (value != null) {
      for (ChangeType t : values()) {
        if (t.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException("change type must be one of "
        + Arrays.stream(values()).map(ChangeType::wireName).collect(Collectors.joining("|"))
        + ", got: " + value);
  }
}
