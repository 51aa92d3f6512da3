package io.casefile.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;

/** When the symptom began: the most likely instant and an uncertainty interval [earliest, latest]. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Onset(Instant at, Instant earliest, Instant latest) {
  public Onset {
    Objects.requireNonNull(at, "onset at");
    Objects.requireNonNull(earliest, "onset earliest");
    Objects.requireNonNull(latest, "onset latest");
    if (earliest.isAfter(at) || latest.isBefore(at)) {
      throw new IllegalArgumentException(
          "onset interval must contain the onset: " + earliest + " <= " + at + " <= " + latest);
    }
  }
}
