package io.casefile.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.casefile.incident.ActionView;
import io.casefile.incident.Casefile;
import io.casefile.incident.Entry;
import io.casefile.incident.Incidents;
import io.casefile.model.JsonCodec;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/incidents/{id}/events}: server-sent events of one incident. Each new entry is
 * sent as an {@code entry} event (the entry's JSON, with {@code id:} its sequence number, so a
 * reconnecting client sends {@code Last-Event-ID} and misses nothing), and an {@code actions}
 * event whenever an action's state or verdict changes. A comment every 15 s keeps proxies open.
 * Read over a plain response stream so the bearer-token check runs before the stream opens.
 */
final class IncidentStream implements AutoCloseable {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration MAX_OPEN = Duration.ofMinutes(30);

  private final Incidents incidents;
  private volatile boolean closed;

  IncidentStream(Incidents incidents) {
    this.incidents = incidents;
  }

  void stream(Context ctx) {
    String id = ctx.pathParam("id");
    incidents.get(id);
    long last = lastEventId(ctx);
    try {
      send(ctx, id, last);
    } catch (IOException e) {
      // the client went away: the stream ends here
    }
  }

  private void send(Context ctx, String id, long after) throws IOException {
    long last = after;
    ctx.status(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-store");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    write(out, "retry: 2000\n\n");
    String actionsSeen = null;
    long opened = System.nanoTime();
    long lastWrite = opened;
    while (!closed && System.nanoTime() - opened < MAX_OPEN.toNanos()) {
      incidents.measureDue(id);
      Casefile c = incidents.get(id);
      for (Entry e : c.entries()) {
        if (e.seq() > last) {
          write(out, "id: " + e.seq() + "\nevent: entry\ndata: " + json(IncidentViews.entry(e)) + "\n\n");
          last = e.seq();
          lastWrite = System.nanoTime();
        }
      }
      List<ActionView> actions = c.actions(incidents.now());
      String state = actions.stream().map(v -> v.seq() + ":" + v.state() + ":" + v.confounded() + ":"
          + (v.effect() == null ? "" : v.effect().verdict().wireName())).collect(Collectors.joining(","));
      if (!state.equals(actionsSeen)) {
        var array = JsonCodec.mapper().createArrayNode();
        actions.forEach(v -> array.add(IncidentViews.action(v)));
        write(out, "event: actions\ndata: " + json(array) + "\n\n");
        actionsSeen = state;
        lastWrite = System.nanoTime();
      }
      if (System.nanoTime() - lastWrite > HEARTBEAT.toNanos()) {
        write(out, ": alive\n\n");
        lastWrite = System.nanoTime();
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long lastEventId(Context ctx) {
    String h = ctx.header("Last-Event-ID");
    if (h == null || h.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(h.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("Last-Event-ID must be an entry number, got '" + h + "'");
    }
  }

  private static String json(Object node) {
    try {
      return JsonCodec.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an incident event", e);
    }
  }

  /** Writes and flushes; a client that went away ends the stream with the IOException. */
  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
  }
}
