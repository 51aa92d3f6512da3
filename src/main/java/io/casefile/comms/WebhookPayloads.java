package io.casefile.comms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.model.JsonCodec;

/** The request bodies for each webhook format. */
final class WebhookPayloads {
  private WebhookPayloads() {}

  static ObjectNode body(Webhook.Format format, StatusDraft draft, String idempotencyKey) {
    return switch (format) {
      case SLACK -> slack(draft);
      case JSON -> json(draft, idempotencyKey);
    };
  }

  /** Slack incoming-webhook format: {@code text} as the fallback, the same text in blocks. */
  static ObjectNode slack(StatusDraft d) {
    ObjectNode root = JsonCodec.mapper().createObjectNode();
    root.put("text", d.text());
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text")
        .put("text", truncate("[" + d.severity() + "] " + d.incidentId() + " " + d.title() + ": " + d.status(), 150));
    ObjectNode section = blocks.addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", truncate(escapeSlack(d.text()), 3000));
    return root;
  }

  static ObjectNode json(StatusDraft d, String key) {
    ObjectNode root = JsonCodec.mapper().createObjectNode();
    root.put("idempotency_key", key);
    root.put("type", "casefile.status_update");
    root.set("update", JsonCodec.mapper().valueToTree(d));
    return root;
  }

  /** Slack treats &, < and > as control characters in mrkdwn. */
  static String escapeSlack(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
