package io.casefile.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.comms.PostmortemWriter;
import io.casefile.comms.StatusUpdates;
import io.casefile.comms.Webhook;
import io.casefile.comms.WebhookPublisher;
import io.casefile.comms.WebhookStore;
import io.casefile.incident.Casefile;
import io.casefile.incident.Entry;
import io.casefile.incident.IncidentStatus;
import io.casefile.incident.Incidents;
import io.casefile.incident.OpenIncident;
import io.casefile.incident.RuleViolation;
import io.casefile.incident.Severity;
import io.casefile.incident.UnknownIncident;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.Question;
import io.casefile.model.JsonCodec;
import io.casefile.store.TelemetryStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident API under {@code /api/v1/incidents} and {@code /api/v1/webhooks} (docs/incidents.md).
 * Reads need the {@code read} role, writes the {@code ingest} role, webhooks {@code admin}.
 * Actions whose observation window has ended are measured every few seconds in the background
 * and whenever their incident is read.
 */
final class IncidentRoutes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentRoutes.class);
  static final long MAX_BODY = 1024 * 1024;

  private final Incidents incidents;
  private final StatusUpdates updates;
  private final Auth auth;
  private final Function<Question, Investigation> investigator;
  private final ScheduledExecutorService measuring;
  private final ExecutorService delivering;
  private final IncidentStream stream;

  IncidentRoutes(Incidents incidents, StatusUpdates updates, Auth auth, Function<Question, Investigation> investigator,
      ScheduledExecutorService measuring, ExecutorService delivering) {
    this.incidents = incidents;
    this.updates = updates;
    this.auth = auth;
    this.investigator = investigator;
    this.measuring = measuring;
    this.delivering = delivering;
    this.stream = new IncidentStream(incidents);
  }

  /** Routes over the casefile and its webhooks: deliveries and effect measurements on background workers. */
  static IncidentRoutes create(Incidents incidents, WebhookStore hooks, Auth auth,
      Function<Question, Investigation> investigator) {
    ExecutorService delivering = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().name("casefile-webhooks").daemon().factory());
    var updates = new StatusUpdates(incidents, hooks, WebhookPublisher.withDefaults(hooks), delivering);
    ScheduledExecutorService measuring = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("casefile-effects").daemon().factory());
    measuring.scheduleWithFixedDelay(() -> {
      try {
        incidents.measureAllDue();
      } catch (RuntimeException e) {
        LOG.error("measuring action effects failed", e);
      }
    }, 5, 5, TimeUnit.SECONDS);
    return new IncidentRoutes(incidents, updates, auth, investigator, measuring, delivering);
  }

  Incidents incidents() {
    return incidents;
  }

  StatusUpdates updates() {
    return updates;
  }

  void register(JavalinConfig cfg) {
    String base = "/api/v1/incidents";
    cfg.routes.post(base, guarded(Role.INGEST, this::open));
    cfg.routes.get(base, guarded(Role.READ, ctx -> {
      var list = JsonCodec.mapper().createArrayNode();
      String drills = ctx.queryParam("drills") == null ? "exclude" : ctx.queryParam("drills");
      if (!java.util.Set.of("exclude", "include", "only").contains(drills)) {
        throw ApiError.badRequest("drills must be exclude (default), include or only, got: " + drills);
      }
      incidents.list().stream()
          .filter(c -> drills.equals("include") || c.incident().drill() == drills.equals("only"))
          .forEach(c -> list.add(IncidentViews.summary(c, incidents.now())));
      send(ctx, 200, Map.of("incidents", list));
    }));
    cfg.routes.get(base + "/{id}", guarded(Role.READ, ctx -> send(ctx, 200, IncidentViews.full(current(ctx), incidents.now()))));
    cfg.routes.post(base + "/{id}/entries", guarded(Role.INGEST, ctx -> {
      String id = ctx.pathParam("id");
      incidents.get(id);
      var req = IncidentRequests.entry(body(ctx));
      Entry e = incidents.append(id, req.author(), req.body(), req.force(), req.reason());
      send(ctx, 201, Map.of("entry", IncidentViews.entry(e)));
    }));
    cfg.routes.post(base + "/{id}/status", guarded(Role.INGEST, ctx -> {
      String id = ctx.pathParam("id");
      incidents.get(id);
      ObjectNode o = body(ctx);
      IncidentRequests.only(o, "status", "reason", "author");
      IncidentStatus next = IncidentStatus.parse(IncidentRequests.text(o, "status", true));
      Entry e = incidents.changeStatus(id, IncidentRequests.text(o, "author", false), next,
          IncidentRequests.text(o, "reason", false));
      send(ctx, 200, Map.of("status", next.wireName(), "entry", IncidentViews.entry(e)));
    }));
    cfg.routes.get(base + "/{id}/events", guarded(Role.READ, stream::stream));
    cfg.routes.get(base + "/{id}/updates/draft", guarded(Role.READ, ctx -> {
      current(ctx);
      send(ctx, 200, updates.draft(ctx.pathParam("id")));
    }));
    cfg.routes.post(base + "/{id}/updates", guarded(Role.INGEST, ctx -> {
      String id = ctx.pathParam("id");
      incidents.get(id);
      ObjectNode o = optionalBody(ctx);
      IncidentRequests.only(o, "text", "author", "idempotency_key", "deliver_drill");
      String key = ctx.header("Idempotency-Key") != null ? ctx.header("Idempotency-Key")
          : IncidentRequests.text(o, "idempotency_key", false);
      var p = updates.publish(id, IncidentRequests.text(o, "author", false), IncidentRequests.text(o, "text", false), key,
          IncidentRequests.bool(o, "deliver_drill"));
      send(ctx, p.duplicate() ? 200 : 201, Map.of("entry", IncidentViews.entry(p.entry()), "idempotency_key",
          p.idempotencyKey(), "duplicate", p.duplicate(), "webhooks", updates.webhooks().all().size(),
          "deliveries", p.deliveries()));
    }));
    cfg.routes.get(base + "/{id}/postmortem.md", guarded(Role.READ, ctx -> {
      Casefile c = current(ctx);
      String md = PostmortemWriter.markdown(c, incidents.investigation(c.incident().id()).orElse(null), incidents.now());
      ctx.status(200).contentType("text/markdown; charset=utf-8").result(md);
    }));
    cfg.routes.post(base + "/{id}/snapshots", guarded(Role.INGEST, ctx -> {
      String id = ctx.pathParam("id");
      incidents.get(id);
      ObjectNode o = optionalBody(ctx);
      IncidentRequests.only(o, "reason", "author");
      Entry e = incidents.snapshot(id, IncidentRequests.text(o, "author", false), IncidentRequests.text(o, "reason", false));
      send(ctx, 201, Map.of("entry", IncidentViews.entry(e)));
    }));
    cfg.routes.get(base + "/{id}/snapshots/{snapshot}", guarded(Role.READ, ctx -> {
      current(ctx);
      String sid = snapshotId(ctx);
      JsonNode manifest = JsonCodec.mapper().readTree(incidents.snapshots().manifest(sid));
      var problems = incidents.snapshots().verify(sid);
      send(ctx, 200, Map.of("manifest", manifest, "intact", problems.isEmpty(), "problems", problems));
    }));
    cfg.routes.post(base + "/{id}/snapshots/{snapshot}/investigation", guarded(Role.READ, ctx -> {
      current(ctx);
      String sid = snapshotId(ctx);
      ObjectNode o = body(ctx);
      IncidentRequests.only(o, "flow", "signal", "from", "to");
      Question q;
      try {
        q = JsonCodec.mapper().treeToValue(o, Question.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw ApiError.badRequest("question: " + (e.getCause() instanceof IllegalArgumentException iae
            ? iae.getMessage() : io.casefile.ingest.JsonErrors.describe(e)));
      }
      try (TelemetryStore frozen = incidents.snapshots().open(sid)) {
        send(ctx, 200, new io.casefile.investigation.Investigations(frozen).investigate(q));
      }
    }));
    cfg.routes.get(base + "/{id}/containment", guarded(Role.READ, ctx -> {
      current(ctx);
      var advice = updates.advice(ctx.pathParam("id"));
      if (advice == null) {
        throw new ApiError(409, "no_investigation", "incident " + ctx.pathParam("id")
            + " was opened without an investigation; containment advice needs one");
      }
      send(ctx, 200, advice);
    }));
    cfg.routes.post("/api/v1/webhooks", guarded(Role.ADMIN, ctx -> {
      ObjectNode o = body(ctx);
      IncidentRequests.only(o, "url", "format");
      String format = IncidentRequests.text(o, "format", false);
      Webhook hook = updates.webhooks().add(IncidentRequests.text(o, "url", true),
          format == null ? Webhook.Format.JSON : Webhook.Format.parse(format));
      send(ctx, 201, hook);
    }));
    cfg.routes.get("/api/v1/webhooks", guarded(Role.ADMIN, ctx -> send(ctx, 200, Map.of("webhooks", updates.webhooks().all()))));
  }

  private void open(Context ctx) {
    ObjectNode o = body(ctx);
    IncidentRequests.only(o, "title", "severity", "commander", "author", "symptom", "investigation");
    String severity = IncidentRequests.text(o, "severity", false);
    Investigation inv = investigation(o.get("investigation"));
    var req = new OpenIncident(IncidentRequests.text(o, "title", true),
        severity == null ? null : Severity.parse(severity), IncidentRequests.text(o, "commander", false),
        IncidentRequests.text(o, "author", false), IncidentRequests.symptom(o.get("symptom")), inv);
    Casefile c = incidents.open(req);
    ctx.header("Location", "/api/v1/incidents/" + c.incident().id());
    send(ctx, 201, IncidentViews.full(c, incidents.now()));
  }

  /** An investigation result as is, or a question ({flow, signal, from, to}) to investigate now. */
  private Investigation investigation(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiError.badRequest("investigation must be an object: a question {flow, signal, from, to} or a result");
    }
    try {
      if (node.has("anomaly")) {
        return JsonCodec.mapper().treeToValue(node, Investigation.class);
      }
      IncidentRequests.only((ObjectNode) node, "flow", "signal", "from", "to");
      Question q = JsonCodec.mapper().treeToValue(node, Question.class);
      if (investigator == null) {
        throw new ApiError(501, "not_available", "this server cannot run investigations; pass an investigation result");
      }
      return investigator.apply(q);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw ApiError.badRequest("investigation: " + (cause instanceof IllegalArgumentException ? cause.getMessage()
          : io.casefile.ingest.JsonErrors.describe(e)));
    }
  }

  /** The snapshot named in the path, when it belongs to the incident named there. */
  private String snapshotId(Context ctx) {
    String sid = ctx.pathParam("snapshot");
    boolean known = current(ctx).entries().stream()
        .anyMatch(e -> e.body() instanceof io.casefile.incident.EntryBody.Snapshot s && s.snapshotId().equals(sid));
    if (!known) {
      throw new ApiError(404, "not_found", "no snapshot " + sid + " in incident " + ctx.pathParam("id"));
    }
    return sid;
  }

  private Casefile current(Context ctx) {
    String id = ctx.pathParam("id");
    incidents.get(id);
    incidents.measureDue(id);
    return incidents.get(id);
  }

  private static ObjectNode body(Context ctx) {
    String type = Bodies.mediaType(ctx);
    if (!type.equals("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "Content-Type must be application/json, got '"
          + (type.isEmpty() ? "none" : type) + "'");
    }
    return IncidentRequests.object(Bodies.read(ctx, MAX_BODY));
  }

  static ObjectNode optionalBody(Context ctx) {
    byte[] raw = Bodies.read(ctx, MAX_BODY);
    if (raw.length == 0) {
      return JsonCodec.mapper().createObjectNode();
    }
    String type = Bodies.mediaType(ctx);
    if (!type.equals("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "Content-Type must be application/json, got '"
          + (type.isEmpty() ? "none" : type) + "'");
    }
    return IncidentRequests.object(raw);
  }

  static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JsonCodec.mapper().writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
  }

  private Handler guarded(Role role, Handler h) {
    return Guard.guarded(auth, role, e -> switch (e) {
      case UnknownIncident u -> new ApiError(404, "not_found", u.getMessage());
      case RuleViolation v -> new ApiError(409, v.code(), v.getMessage());
      default -> null;
    }, h);
  }


  /** Ends the open event streams, so the listener can stop without waiting for them. */
  void closeStreams() {
    stream.close();
  }

  @Override
  public void close() {
    stream.close();
    measuring.shutdownNow();
    delivering.shutdown();
    try {
      delivering.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
