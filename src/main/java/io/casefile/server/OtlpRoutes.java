package io.casefile.server;

import io.casefile.ingest.Decoded;
import io.casefile.ingest.IngestQueue;
import io.casefile.ingest.OtlpDecoder;
import io.casefile.ingest.OtlpSignal;
import io.casefile.ingest.QueueFullException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/HTTP receiver: decode before answering (so clients see data errors), queue, wait for the
 * group commit, answer 200 only once the rows are durable.
 */
final class OtlpRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpRoutes.class);
  static final String PROTOBUF = "application/x-protobuf";

  private final OtlpDecoder decoder;
  private final IngestQueue queue;
  private final Auth auth;
  private final long maxBodyBytes;

  OtlpRoutes(OtlpDecoder decoder, IngestQueue queue, Auth auth, long maxBodyBytes) {
    this.decoder = decoder;
    this.queue = queue;
    this.auth = auth;
    this.maxBodyBytes = maxBodyBytes;
  }

  void register(JavalinConfig cfg) {
    for (OtlpSignal signal : OtlpSignal.values()) {
      cfg.routes.post(signal.path(), ctx -> handle(ctx, signal));
      io.javalin.http.Handler notAllowed = ctx -> {
        ctx.header("Allow", "POST");
        fail(ctx, new ApiError(405, "method_not_allowed", ctx.method() + " is not allowed on " + signal.path()
            + "; use POST for OTLP export"));
      };
      cfg.routes.get(signal.path(), notAllowed);
      cfg.routes.put(signal.path(), notAllowed);
      cfg.routes.patch(signal.path(), notAllowed);
      cfg.routes.delete(signal.path(), notAllowed);
    }
    cfg.routes.error(404, ctx -> fail(ctx, new ApiError(404, "not_found",
        "no such endpoint " + ctx.method() + " " + ctx.path() + "; OTLP paths are /v1/traces, /v1/logs, /v1/metrics")));
    cfg.routes.error(405, ctx -> fail(ctx, new ApiError(405, "method_not_allowed", "use POST for OTLP export")));
  }

  private void handle(Context ctx, OtlpSignal signal) {
    try {
      auth.require(ctx, Role.INGEST);
      String type = Bodies.mediaType(ctx);
      boolean json = type.equals("application/json");
      if (!json && !type.equals(PROTOBUF) && !type.equals("application/protobuf")) {
        throw new ApiError(415, "unsupported_media_type", "Content-Type '" + ctx.header("Content-Type")
            + "' is not supported; use application/x-protobuf or application/json");
      }
      byte[] body = Bodies.read(ctx, maxBodyBytes);
      Decoded decoded;
      try {
        decoded = json ? decoder.json(signal, body) : decoder.protobuf(signal, body);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(e.getMessage());
      }
      awaitCommit(signal, json, body, decoded);
      if (json) {
        Json.send(ctx, 200, OtlpResponses.jsonSuccess(signal, decoded));
      } else {
        ctx.status(200).contentType(PROTOBUF).result(OtlpResponses.protobufSuccess(signal, decoded));
      }
    } catch (ApiError e) {
      fail(ctx, e);
    } catch (RuntimeException e) {
      LOG.error("OTLP {} request failed", signal, e);
      fail(ctx, new ApiError(500, "internal", "internal error: " + e.getClass().getSimpleName()));
    }
  }

  private void awaitCommit(OtlpSignal signal, boolean json, byte[] body, Decoded decoded) {
    try {
      queue.submit(signal, json, body, decoded.batch()).get(60, TimeUnit.SECONDS);
    } catch (QueueFullException e) {
      throw new ApiError(503, "unavailable", e.getMessage() + "; retry later");
    } catch (TimeoutException e) {
      throw new ApiError(503, "unavailable", "the write did not commit within 60 s; retry later");
    } catch (ExecutionException e) {
      LOG.error("commit failed", e.getCause());
      throw new ApiError(503, "unavailable", "the write failed to commit: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "unavailable", "the server is shutting down");
    }
  }

  static void fail(Context ctx, ApiError e) {
    if (e.status == 503 || e.status == 429) {
      ctx.header("Retry-After", "1");
    }
    if (e.status == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (Bodies.mediaType(ctx).equals(PROTOBUF) || Bodies.mediaType(ctx).equals("application/protobuf")) {
      ctx.status(e.status).contentType(PROTOBUF)
          .result(OtlpResponses.protobufStatus(OtlpResponses.grpcCode(e.status), e.getMessage()));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", OtlpResponses.grpcCode(e.status));
    body.put("message", e.getMessage());
    body.putAll(Json.error(e.code, e.getMessage()));
    Json.send(ctx, e.status, body);
  }

}
