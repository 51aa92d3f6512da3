package io.casefile.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.comms.UpdateCadence;
import io.casefile.incident.ActionView;
import io.casefile.incident.Casefile;
import io.casefile.incident.Entry;
import io.casefile.model.JsonCodec;
import java.time.Instant;

/** The JSON shapes of incidents in the API: a summary for lists, the whole casefile for one. */
final class IncidentViews {
  private IncidentViews() {}

  static ObjectNode summary(Casefile c, Instant now) {
    var m = JsonCodec.mapper();
    ObjectNode o = m.createObjectNode();
    var i = c.incident();
    o.put("id", i.id());
    o.put("title", i.title());
    o.put("severity", i.severity().name());
    o.put("status", c.status().wireName());
    o.put("commander", i.commander());
    o.put("opened_at", i.openedAt().toString());
    o.put("opened_by", i.openedBy());
    o.put("drill", i.drill());
    o.put("entries", c.entries().size());
    o.set("updates", m.valueToTree(UpdateCadence.of(c, now)));
    return o;
  }

  static ObjectNode full(Casefile c, Instant now) {
    var m = JsonCodec.mapper();
    ObjectNode o = summary(c, now);
    o.set("symptom", m.valueToTree(c.incident().symptom()));
    o.put("status_since", c.statusSince().toString());
    o.put("now", now.toString());
    ArrayNode entries = o.putArray("entries");
    c.entries().forEach(e -> entries.add(entry(e)));
    ArrayNode actions = o.putArray("actions");
    c.actions(now).forEach(v -> actions.add(action(v)));
    ArrayNode hypotheses = o.putArray("hypotheses");
    c.hypotheses().forEach((seq, h) -> {
      ObjectNode n = m.valueToTree(h);
      n.remove("type");
      n.put("seq", seq);
      hypotheses.add(n);
    });
    o.set("root_cause", c.rootCause().<JsonNode>map(m::valueToTree).orElse(m.nullNode()));
    return o;
  }

  static ObjectNode entry(Entry e) {
    ObjectNode body = JsonCodec.mapper().valueToTree(e.body());
    ObjectNode o = JsonCodec.mapper().createObjectNode();
    o.put("seq", e.seq());
    o.put("type", e.type());
    o.put("at", e.at().toString());
    o.put("author", e.author());
    body.remove("type");
    o.setAll(body);
    return o;
  }

  static ObjectNode action(ActionView v) {
    var m = JsonCodec.mapper();
    ObjectNode o = m.createObjectNode();
    o.put("seq", v.seq());
    o.put("kind", v.action().kind().wireName());
    o.put("summary", v.action().summary());
    o.put("target", v.action().target());
    o.set("lever", m.valueToTree(v.action().lever()));
    o.put("expected_effect", v.action().expectedEffect());
    o.put("author", v.author());
    o.put("state", v.state());
    ObjectNode w = o.putObject("window");
    w.put("start", v.at().toString());
    w.put("end", v.windowEnd().toString());
    w.put("length", v.action().observationWindow().toString());
    o.put("confounded", v.confounded());
    o.set("confounds", m.valueToTree(v.action().confounds()));
    o.put("forced_reason", v.action().forcedReason());
    o.put("snapshot_id", v.action().snapshotId());
    o.put("verdict", v.effect() == null ? null : v.effect().verdict().wireName());
    if (v.effect() == null) {
      o.putNull("effect");
    } else {
      ObjectNode effect = m.valueToTree(v.effect());
      effect.remove("type");
      o.set("effect", effect);
    }
    return o;
  }
}
