package io.casefile.server;

import io.casefile.alerts.AlertIncidents;
import io.casefile.alerts.AlertNotification;
import io.casefile.alerts.AlertPayloads;
import io.casefile.alerts.MultiWindowBurnRate;
import io.casefile.alerts.SloConfig;
import io.casefile.alerts.SloMonitor;
import io.casefile.store.StoreException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts in (docs/alerts.md): the Alertmanager, Grafana and generic webhook receivers (the
 * {@code alerts} or {@code ingest} role), and the SLOs ({@code GET} with {@code read}, {@code PUT}
 * with {@code admin}).
 */
final class AlertRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRoutes.class);
  static final long MAX_BODY = 4L * 1024 * 1024;

  private final AlertIncidents alerts;
  private final SloMonitor slos;
  private final Auth auth;
  private final InstantSource clock;

  AlertRoutes(AlertIncidents alerts, SloMonitor slos, Auth auth, InstantSource clock) {
    this.alerts = alerts;
    this.slos = slos;
    this.auth = auth;
    this.clock = clock;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/alerts/alertmanager", receiver(AlertPayloads::alertmanager));
    cfg.routes.post("/api/v1/alerts/grafana", receiver(AlertPayloads::grafana));
    cfg.routes.post("/api/v1/alerts", receiver(AlertPayloads::generic));
    cfg.routes.get("/api/v1/slos", guarded(Role.READ, ctx -> Json.send(ctx, 200, view())));
    cfg.routes.put("/api/v1/slos", guarded(Role.ADMIN, ctx -> {
      slos.configure(SloConfig.parse(jsonBody(ctx), "SLOs"));
      Json.send(ctx, 200, view());
    }));
  }

  private Handler receiver(Function<byte[], AlertNotification> decoder) {
    return ctx -> {
      try {
        auth.require(ctx, Role.ALERTS, Role.INGEST);
        AlertNotification n = decoder.apply(jsonBody(ctx));
        AlertIncidents.Outcome o = alerts.receive(n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident_id", o.incidentId());
        body.put("opened", o.opened());
        body.put("reattended", o.reattended());
        body.put("added", o.added());
        body.put("duplicates", o.duplicates());
        if (o.question() != null) {
          body.put("question", o.question());
          body.put("mapping", o.mapping());
        }
        if (o.draft() != null) {
          body.put("draft", o.draft().text());
          body.put("announced", o.announced());
        }
        Json.send(ctx, o.opened() ? 201 : 200, body);
      } catch (ApiError e) {
        ApiRoutes.send(ctx, e);
      } catch (IllegalArgumentException e) {
        ApiRoutes.send(ctx, new ApiError(400, "bad_alert", e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ApiRoutes.send(ctx, new ApiError(500, "internal", "internal error: " + e.getClass().getSimpleName()));
      }
    };
  }

  private Map<String, Object> view() {
    var now = clock.instant();
    List<SloMonitor.Status> statuses = slos.statuses(now);
    List<Map<String, Object>> objectives = statuses.stream().map(s -> objective(s, now)).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", now);
    out.put("configured", statuses.stream().anyMatch(SloMonitor.Status::configured));
    out.put("default_objective", slos.settings().defaultObjective());
    out.put("rules", new MultiWindowBurnRate().rules().stream().map(r -> {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("long_window", r.longWindow().toString());
      if (r.scanFrom() != null) {
        rule.put("scanned_from", r.scanFrom().toString());
      }
      rule.put("short_window", r.shortWindow().toString());
      rule.put("burn_rate", r.factor());
      return rule;
    }).toList());
    out.put("objectives", objectives);
    return out;
  }

  private Map<String, Object> objective(SloMonitor.Status s, java.time.Instant now) {
    Map<String, Object> m = new LinkedHashMap<>(s.slo().toJson());
    m.put("id", s.slo().id());
    m.put("description", s.slo().describe());
    m.put("firing", s.verdict().firing());
    m.put("verdict", s.verdict().describe());
    List<Map<String, Object>> windows = s.verdict().windows().stream().map(w -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("window", w.window().toString());
      x.put("requests", w.requests());
      x.put("bad", w.bad());
      x.put("burn_rate", w.burnRate());
      return x;
    }).toList();
    m.put("burn_rates", windows);
    m.put("data_from", s.dataFrom());
    SloMonitor.Budget b = slos.budget(s.slo(), now);
    m.put("error_budget", Map.of("period", slos.settings().budgetPeriod().toString(), "requests", b.requests(), "bad", b.bad(),
        "remaining", b.remaining()));
    m.put("query", s.query());
    return m;
  }

  private static byte[] jsonBody(Context ctx) {
    String type = Bodies.mediaType(ctx);
    if (!type.equals("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "Content-Type must be application/json, got '"
          + (type.isEmpty() ? "none" : type) + "'");
    }
    return Bodies.read(ctx, MAX_BODY);
  }

  private Handler guarded(Role role, Handler h) {
    return Guard.guarded(auth, role, e -> {
      if (e instanceof StoreException) {
        LOG.error("store failure", e);
        return new ApiError(500, "store_error", "the database failed: " + e.getMessage());
      }
      return null;
    }, h);
  }

}
