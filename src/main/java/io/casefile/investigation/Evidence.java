package io.casefile.investigation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A claim with the numbers behind it and the query (SQL) that reproduces them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Evidence(String id, String claim, Map<String, Number> numbers, String query) {
  public Evidence {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("evidence id is required");
    }
    if (claim == null || claim.isBlank()) {
      throw new IllegalArgumentException("evidence " + id + " needs a claim");
    }
    numbers = numbers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }
}
