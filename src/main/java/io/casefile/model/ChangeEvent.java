package io.casefile.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A change that may explain an incident: recorded through the API or derived from telemetry
 * (source {@code derived}). Optional fields are null when absent; {@code targets} is never null.
 */
public record ChangeEvent(
    String id,
    ChangeType type,
    Instant timestamp,
    String service,
    String summary,
    String version,
    String previousVersion,
    String environment,
    String flagKey,
    Map<String, String> targets,
    String link,
    String author,
    String source) {

  public static final String SOURCE_DERIVED = "derived";

  public ChangeEvent {
    Objects.requireNonNull(id, "change id");
    Objects.requireNonNull(type, "change type");
    Objects.requireNonNull(timestamp, "change timestamp");
    if (summary == null || summary.isBlank()) {
      throw new IllegalArgumentException("change summary is required");
    }
    targets = targets == null ? Map.of() : Map.copyOf(targets);
  }

  public boolean derived() {
    return SOURCE_DERIVED.equals(source);
  }
}
