package io.casefile.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of Casefile (the API, stored casefiles, the demo's files, request bodies): snake_case names,
 * RFC 3339 instants, ISO-8601 durations ({@code PT5M}), unknown properties ignored. Records map directly; there are no
 * separate JSON classes. Change types use their wire names ({@code deploy}).
 */
public final class JsonCodec {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule("casefile-model")
          .addSerializer(ChangeType.class, new ToStringSerializerBase(ChangeType.class) {
            @Override
            public String valueToString(Object value) {
              return ((ChangeType) value).wireName();
            }
          })
          .addDeserializer(ChangeType.class, new FromStringDeserializer<ChangeType>(ChangeType.class) {
            @Override
            protected ChangeType _deserialize(String value, DeserializationContext ctxt) {
              return ChangeType.parse(value);
            }
          }))
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private JsonCodec() {}

  /** A shared, thread-safe mapper configured for the model (do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
