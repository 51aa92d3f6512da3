package io.casefile.investigation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A supporting signal: {@code error_origin}, {@code latency}, {@code log_template},
 * {@code dependency} or {@code metric}; where it points (service, operation, peer — null when not
 * applicable), its share, a one-line text, its numbers and the evidence id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Signal(
    String kind,
    String service,
    String operation,
    String peer,
    Double share,
    String text,
    Map<String, Number> numbers,
    String evidence) {
  public Signal {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("signal kind is required");
    }
    Objects.requireNonNull(text, "signal text");
    numbers = numbers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }
}
