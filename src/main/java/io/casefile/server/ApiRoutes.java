package io.casefile.server;

import io.casefile.ingest.ChangeEventDecoder;
import io.casefile.ingest.IngestQueue;
import io.casefile.model.ChangeEvent;
import io.casefile.model.TimeRange;
import io.casefile.store.StoreException;
import io.casefile.store.TelemetryStore;
import io.casefile.store.TelemetryWriter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON API: health, changes (native and PagerDuty), services, flows. */
final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  private static final long MAX_CHANGE_BODY = 64 * 1024;
  /** Set once a route has answered with its own error, so the 404 handler keeps that answer. */
  private static final String ERROR_SENT = "casefile.error-sent";

  private final TelemetryStore store;
  private final TelemetryWriter writer;
  private final IngestQueue queue;
  private final ChangeEventDecoder changes;
  private final Auth auth;
  private final InstantSource clock;

  ApiRoutes(TelemetryStore store, TelemetryWriter writer, IngestQueue queue, ChangeEventDecoder changes, Auth auth,
      InstantSource clock) {
    this.store = store;
    this.writer = writer;
    this.queue = queue;
    this.changes = changes;
    this.auth = auth;
    this.clock = clock;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/health", guarded(null, this::health));
    cfg.routes.get("/api/v1/services", guarded(Role.READ, ctx -> {
      var r = store.services();
      Json.send(ctx, 200, Map.of("services", r.rows(), "query", r.sql()));
    }));
    cfg.routes.get("/api/v1/flows", guarded(Role.READ, ctx -> {
      TimeRange range = range(ctx, Duration.ofHours(1));
      var r = store.flows(range);
      Json.send(ctx, 200, Map.of("from", range.from(), "to", range.to(), "flows", r.rows(), "query", r.sql()));
    }));
    cfg.routes.get("/api/v1/changes", guarded(Role.READ, ctx -> {
      TimeRange range = range(ctx, Duration.ofDays(7));
      String service = ctx.queryParam("service");
      var r = store.changes(range, service == null || service.isBlank() ? null : service);
      Json.send(ctx, 200, Map.of("from", range.from(), "to", range.to(), "changes", r.rows(), "query", r.sql()));
    }));
    cfg.routes.post("/api/v1/changes", guarded(Role.INGEST, ctx -> {
      ChangeEvent c = decode(() -> changes.nativeEvent(jsonBody(ctx)));
      boolean created = writer.recordChange(c, clock.instant());
      Json.send(ctx, created ? 201 : 200, Map.of("change", c, "created", created));
    }));
    cfg.routes.post("/v2/change/enqueue", guarded(Role.INGEST, ctx -> {
      ChangeEvent c = decode(() -> changes.pagerDuty(jsonBody(ctx)));
      writer.recordChange(c, clock.instant());
      Json.send(ctx, 202, Map.of("status", "success", "message", "Change event processed", "id", c.id()));
    }));
    cfg.routes.error(404, ctx -> {
      if (ctx.attribute(ERROR_SENT) == null) {
        send(ctx, new ApiError(404, "not_found", "no such endpoint " + ctx.method() + " " + ctx.path()));
      }
    });
    cfg.routes.error(405, ctx -> send(ctx, new ApiError(405, "method_not_allowed",
        ctx.method() + " is not allowed on " + ctx.path())));
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    long quarantined = queue.quarantined();
    body.put("status", quarantined > 0 ? "degraded" : "ok");
    if (quarantined > 0) {
      body.put("problems", List.of(quarantined + " acknowledged requests could not be loaded; they are kept with "
          + "their reason in the data directory's quarantine folder and loaded again at the next start"));
    }
    body.put("quarantined_requests", quarantined);
    body.put("now", clock.instant().toString());
    body.put("queued_rows", queue.queuedRows());
    body.put("queued_bytes", queue.queuedBytes());
    body.put("committed_rows", queue.committedRows());
    body.put("commits", queue.commits());
    var keys = writer.keyStats();
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("columns", keys.columns());
    k.put("max_columns", keys.maxColumns());
    k.put("promotion", "a key held in the attributes map gets a column once it is on " + keys.minShare() * 100
        + "% of a window of " + keys.windowSpans() + " spans");
    k.put("window_spans_seen", keys.windowSeen());
    k.put("keys_tracked_in_window", keys.trackedKeys());
    k.put("refused_for_cap", keys.refused());
    k.put("last_window_candidates", keys.lastPromotionCandidates());
    body.put("attribute_keys", k);
    Json.send(ctx, 200, body);
  }

  private interface Decode {
    ChangeEvent get();
  }

  private static ChangeEvent decode(Decode d) {
    try {
      return d.get();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static byte[] jsonBody(Context ctx) {
    String type = Bodies.mediaType(ctx);
    if (!type.equals("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "Content-Type must be application/json, got '"
          + (type.isEmpty() ? "none" : type) + "'");
    }
    return Bodies.read(ctx, MAX_CHANGE_BODY);
  }

  private TimeRange range(Context ctx, Duration defaultLength) {
    Instant to = time(ctx, "to", clock.instant());
    Instant from = time(ctx, "from", to.minus(defaultLength));
    if (!from.isBefore(to)) {
      throw ApiError.badRequest("from (" + from + ") must be before to (" + to + ")");
    }
    return new TimeRange(from, to);
  }

  static Instant time(Context ctx, String param, Instant fallback) {
    String v = ctx.queryParam(param);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(v.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(param + " must be an RFC 3339 time like 2026-01-02T15:04:05Z, got '" + v + "'");
    }
  }

  Handler guarded(Role role, Handler h) {
    return ctx -> {
      try {
        if (role != null) {
          auth.require(ctx, role);
        }
        h.handle(ctx);
      } catch (ApiError e) {
        send(ctx, e);
      } catch (IllegalArgumentException e) {
        send(ctx, ApiError.badRequest(e.getMessage()));
      } catch (StoreException e) {
        LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
        send(ctx, new ApiError(500, "store_error", "the database failed: " + e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        send(ctx, new ApiError(500, "internal", "internal error: " + e.getClass().getSimpleName()));
      }
    };
  }

  static void send(Context ctx, ApiError e) {
    if (e.status == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (e.status == 503) {
      ctx.header("Retry-After", "1");
    }
    ctx.attribute(ERROR_SENT, Boolean.TRUE);
    Json.send(ctx, e.status, Json.error(e.code, e.getMessage()));
  }
}
