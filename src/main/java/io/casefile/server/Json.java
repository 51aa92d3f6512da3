package io.casefile.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.casefile.model.JsonCodec;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON answers: snake_case names, RFC 3339 times, and the error shape every endpoint shares. */
final class Json {
  private Json() {}

  static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JsonCodec.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
  }

  static Map<String, Object> error(String code, String message) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("code", code);
    inner.put("message", message);
    return Map.of("error", inner);
  }
}
