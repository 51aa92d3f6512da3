package io.casefile.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.incident.ContainmentAdvisor;
import io.casefile.investigation.Investigation;
import io.casefile.model.JsonCodec;
import io.casefile.investigation.Investigations;
import io.casefile.investigation.Question;
import io.casefile.store.StoreException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/investigations}: a JSON question ({@code flow}, {@code signal}, {@code from}
 * and {@code to}, or {@code last} such as {@code 1h} ending now) answered with the JSON
 * investigation.
 */
final class InvestigationRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(InvestigationRoutes.class);
  private static final long MAX_BODY = 16 * 1024;
  private static final java.util.List<String> FIELDS = java.util.List.of("flow", "signal", "from", "to", "last", "baseline",
      "source");

  /** By source name; the first answers questions that name none. */
  private final java.util.Map<String, Investigations> investigations;
  private final String defaultSource;
  private final Auth auth;
  private final InstantSource clock;
  private final java.util.function.BiConsumer<Question, Investigation> answered;

  /** @param answered told of every answered question (a running drill records them) */
  InvestigationRoutes(java.util.Map<String, Investigations> investigations, Auth auth, InstantSource clock,
      java.util.function.BiConsumer<Question, Investigation> answered) {
    this.investigations = java.util.Map.copyOf(investigations);
    this.defaultSource = investigations.keySet().iterator().next();
    this.auth = auth;
    this.clock = clock;
    this.answered = answered;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/investigations", this::investigate);
  }

  private void investigate(Context ctx) {
    try {
      auth.require(ctx, Role.READ);
      Asked asked = question(ctx);
      Question q = asked.question();
      Investigation inv = asked.by().investigate(q);
      answered.accept(q, inv);
      ObjectNode body = JsonCodec.mapper().valueToTree(inv);
      if (!body.has("containment")) {
        body.set("containment", JsonCodec.mapper().valueToTree(new ContainmentAdvisor(clock).advise(inv)));
      }
      ctx.status(200).contentType("application/json").result(JsonCodec.mapper().writeValueAsBytes(body));
    } catch (ApiError e) {
      ApiRoutes.send(ctx, e);
    } catch (io.casefile.investigation.UnknownFlowException e) {
      ApiRoutes.send(ctx, new ApiError(404, "unknown_flow", e.getMessage()));
    } catch (IllegalArgumentException e) {
      ApiRoutes.send(ctx, ApiError.badRequest(e.getMessage()));
    } catch (io.casefile.store.prometheus.PrometheusException e) {
      LOG.warn("metrics source failed on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      ApiRoutes.send(ctx, new ApiError(502, "source_unavailable", e.getMessage()));
    } catch (StoreException e) {
      LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
      ApiRoutes.send(ctx, new ApiError(500, "store_error", "the database failed: " + e.getMessage()));
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      ApiRoutes.send(ctx, new ApiError(500, "internal", "internal error: " + e.getClass().getSimpleName()));
    }
  }

  /** A question and the source that answers it. */
  private record Asked(Question question, Investigations by) {}

  private Asked question(Context ctx) {
    String type = Bodies.mediaType(ctx);
    if (!type.equals("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "Content-Type must be application/json, got '"
          + (type.isEmpty() ? "none" : type) + "'");
    }
    byte[] body = Bodies.read(ctx, MAX_BODY);
    JsonNode tree;
    try {
      tree = JsonCodec.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("the question is not valid JSON: " + io.casefile.ingest.JsonErrors.describe(e));
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("the question could not be read: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw ApiError.badRequest("the question must be a JSON object like "
          + "{\"flow\": \"checkout:POST /checkout\", \"signal\": \"errors\", \"last\": \"1h\"}");
    }
    ObjectNode q = (ObjectNode) tree;
    JsonNode named = q.remove("source");
    String source = named == null || named.isNull() ? defaultSource : named.asText();
    Investigations by = investigations.get(source);
    if (by == null) {
      throw ApiError.badRequest("unknown source '" + source + "'; the sources are "
          + String.join(", ", new java.util.TreeSet<>(investigations.keySet())));
    }
    for (var names = q.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiError.badRequest("unknown field '" + name + "' in the question; the fields are "
            + String.join(", ", FIELDS));
      }
    }
    JsonNode baseline = q.get("baseline");
    if (baseline != null && !baseline.isNull()) {
      if (!baseline.isObject() || !baseline.hasNonNull("from") || !baseline.hasNonNull("to")) {
        throw ApiError.badRequest("baseline must be an object with from and to (RFC 3339), like "
            + "{\"from\": \"2026-01-02T14:00:00Z\", \"to\": \"2026-01-02T15:00:00Z\"}");
      }
      instant(baseline.get("from").asText(), "baseline.from");
      instant(baseline.get("to").asText(), "baseline.to");
    }
    JsonNode last = q.remove("last");
    if (last != null && !last.isNull()) {
      if (q.hasNonNull("from")) {
        throw ApiError.badRequest("give either last or from/to, not both");
      }
      Duration d = duration(last.asText());
      Instant to = q.hasNonNull("to") ? instant(q.get("to").asText(), "to")
          : clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      q.put("from", to.minus(d).toString());
      q.put("to", to.toString());
    } else if (!q.hasNonNull("from") || !q.hasNonNull("to")) {
      throw ApiError.badRequest("the question needs a time range: from and to (RFC 3339), or last (e.g. 1h)");
    }
    instant(q.get("from").asText(), "from");
    instant(q.get("to").asText(), "to");
    try {
      return new Asked(JsonCodec.mapper().treeToValue(q, Question.class), by);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      throw ApiError.badRequest(cause instanceof IllegalArgumentException ? cause.getMessage()
          : "bad question: " + io.casefile.ingest.JsonErrors.describe(e));
    }
  }

  private static Instant instant(String text, String field) {
    try {
      return java.time.OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(field + " must be an RFC 3339 time like 2026-01-02T15:04:05Z, got '" + text + "'");
    }
  }

  /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}. */
  static Duration duration(String text) {
    try {
      return io.casefile.model.Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("last must be a positive duration like 90s, 15m, 1h or 2d, got '" + text + "'");
    }
  }
}
