package io.casefile.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.casefile.model.JsonCodec;

/**
 * The JSON mapping of the casefile: the investigation model's mapping (snake_case, RFC 3339
 * instants) with ISO-8601 durations ({@code PT5M}). Used for storage and for the HTTP API.
 */
public final class CasefileJson {
  private static final ObjectMapper MAPPER = JsonCodec.mapper().copy()
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private CasefileJson() {}

  /** A shared, thread-safe mapper (do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
