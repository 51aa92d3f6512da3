package io.casefile.analysis.effect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an action did to the symptom's signal. */
public enum EffectVerdict {
  HELPED("helped"),
  NO_MEASURABLE_EFFECT("no_measurable_effect"),
  MADE_IT_WORSE("made_it_worse"),
  CONFOUNDED("confounded");

  private final String wireName;

  EffectVerdict(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static EffectVerdict parse(String value) {
    for (EffectVerdict v : values()) {
      if (v.wireName.equals(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "verdict must be one of helped|no_measurable_effect|made_it_worse|confounded, got: " + value);
  }

  /** Human words for reports: "helped", "no measurable effect", "made it worse", "confounded". */
  public String words() {
    return wireName.replace('_', ' ');
  }
}
