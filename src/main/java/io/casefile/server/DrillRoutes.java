package io.casefile.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.drill.DebriefMarkdown;
import io.casefile.drill.DrillConflict;
import io.casefile.drill.DrillRecord;
import io.casefile.drill.Drills;
import io.casefile.drill.UnknownDrill;
import io.casefile.model.JsonCodec;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill API under {@code /api/v1/drills} (docs/drills.md): start, end, the kept debriefs, and
 * each responder's drills over time. Reads need the {@code read} role, starting and ending
 * {@code ingest}. {@code current} names the running drill.
 */
final class DrillRoutes {

  private final Drills drills;
  private final Auth auth;

  DrillRoutes(Drills drills, Auth auth) {
    this.drills = drills;
    this.auth = auth;
  }

  void register(JavalinConfig cfg) {
    String base = "/api/v1/drills";
    cfg.routes.post(base, guarded(Role.INGEST, ctx -> {
      ObjectNode o = optionalBody(ctx);
      IncidentRequests.only(o, "scenario", "seed", "responder", "history", "duration", "rate");
      Long seed = IncidentRequests.longValue(o, "seed");
      String history = IncidentRequests.text(o, "history", false);
      String duration = IncidentRequests.text(o, "duration", false);
      double rate = o.hasNonNull("rate") ? number(o, "rate") : 0;
      DrillRecord r = drills.start(new Drills.Start(IncidentRequests.text(o, "scenario", false), seed,
          IncidentRequests.text(o, "responder", false), history == null ? null : span("history", history),
          duration == null ? null : span("duration", duration), rate));
      ctx.header("Location", base + "/" + r.id());
      send(ctx, 201, view(r));
    }));
    cfg.routes.get(base, guarded(Role.READ, ctx -> send(ctx, 200, list(drills.list()))));
    cfg.routes.get(base + "/{id}", guarded(Role.READ, ctx -> send(ctx, 200, view(drills.view(id(ctx))))));
    cfg.routes.post(base + "/{id}/end", guarded(Role.INGEST, ctx -> send(ctx, 200, drills.end(id(ctx)))));
    cfg.routes.get(base + "/{id}/debrief", guarded(Role.READ, ctx -> send(ctx, 200, drills.debrief(id(ctx)))));
    cfg.routes.get(base + "/{id}/debrief.md", guarded(Role.READ, ctx -> ctx.status(200)
        .contentType("text/markdown; charset=utf-8").result(DebriefMarkdown.render(drills.debrief(id(ctx))))));
  }

  private String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (id.equals("current")) {
      String running = drills.running();
      if (running == null) {
        List<DrillRecord> all = drills.list();
        throw new ApiError(404, "not_found", "no drill is running on this server" + (all.isEmpty() ? ""
            : "; the latest, " + all.getLast().id() + ", is " + all.getLast().status()
                + " (casefile drill report " + all.getLast().id() + ")"));
      }
      return running;
    }
    return id;
  }

  static ObjectNode view(DrillRecord r) {
    ObjectNode o = JsonCodec.mapper().valueToTree(r);
    o.remove("debrief");
    return o;
  }

  /** Every drill, and each responder's scores in time order so progress shows. */
  static ObjectNode list(List<DrillRecord> all) {
    ObjectNode out = JsonCodec.mapper().createObjectNode();
    ArrayNode drills = out.putArray("drills");
    Map<String, List<DrillRecord>> byResponder = new LinkedHashMap<>();
    for (DrillRecord r : all) {
      drills.add(view(r));
      if (r.score() != null) {
        byResponder.computeIfAbsent(r.responder(), k -> new ArrayList<>()).add(r);
      }
    }
    ArrayNode responders = out.putArray("responders");
    byResponder.forEach((who, rs) -> {
      ObjectNode n = responders.addObject();
      n.put("responder", who);
      n.put("drills", rs.size());
      ArrayNode scores = n.putArray("scores");
      rs.forEach(r -> scores.addObject().put("drill", r.id()).put("scenario", r.scenario())
          .put("ended_at", r.endedAt().toString()).put("score", r.score()));
      n.put("mean", Math.round(rs.stream().mapToInt(DrillRecord::score).average().orElse(0) * 10) / 10.0);
      n.put("best", rs.stream().mapToInt(DrillRecord::score).max().orElse(0));
      n.put("latest", rs.getLast().score());
      n.put("change_since_first", rs.getLast().score() - rs.getFirst().score());
    });
    return out;
  }

  private static double number(ObjectNode o, String field) {
    if (!o.get(field).isNumber()) {
      throw ApiError.badRequest("field '" + field + "' must be a number");
    }
    return o.get(field).asDouble();
  }

  private static Duration span(String field, String text) {
    try {
      return io.casefile.model.Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(field + " must be a duration like 30m or 1h, got '" + text + "'");
    }
  }

  private static ObjectNode optionalBody(Context ctx) {
    return IncidentRoutes.optionalBody(ctx);
  }

  private static void send(Context ctx, int status, Object body) {
    IncidentRoutes.send(ctx, status, body);
  }

  private Handler guarded(Role role, Handler h) {
    return Guard.guarded(auth, role, e -> switch (e) {
      case UnknownDrill u -> new ApiError(404, "not_found", u.getMessage());
      case DrillConflict c -> new ApiError(409, c.code(), c.getMessage());
      default -> null;
    }, h);
  }

}
