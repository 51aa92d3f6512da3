package io.casefile.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One reason a suspect scored as it did: {@code kind} is {@code time}, {@code scope}, {@code path}
 * or {@code derived}; {@code text} is the human sentence.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Reason(String kind, String text) {
  public Reason {
    if (kind == null || kind.isBlank() || text == null || text.isBlank()) {
      throw new IllegalArgumentException("a reason needs a kind and a text, got " + kind + ": " + text);
    }
  }
}
