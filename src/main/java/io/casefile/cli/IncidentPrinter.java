package io.casefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Human output of the incident commands. */
final class IncidentPrinter {
  private IncidentPrinter() {}

  static void list(PrintWriter out, JsonNode incidents) {
    if (incidents.isEmpty()) {
      out.println("no incidents");
      return;
    }
    out.printf("%-8s %-5s %-13s %-20s %s%n", "ID", "SEV", "STATUS", "OPENED", "TITLE");
    for (JsonNode i : incidents) {
      out.printf("%-8s %-5s %-13s %-20s %s%s%n", i.get("id").asText(), i.get("severity").asText(),
          i.get("status").asText(), i.get("opened_at").asText().replace('T', ' ').replaceAll("\\.\\d+", ""),
          i.get("title").asText(), i.at("/updates/overdue").asBoolean() ? "  (status update overdue)" : "");
    }
  }

  static void show(PrintWriter out, JsonNode c) {
    out.println(c.get("id").asText() + " [" + c.get("severity").asText() + "] " + c.get("title").asText());
    out.println("status     " + c.get("status").asText() + " since " + c.get("status_since").asText()
        + (c.get("commander").isNull() ? "" : " · commander " + c.get("commander").asText()));
    String symptom = c.at("/symptom/description").asText("");
    if (!symptom.isBlank()) {
      out.println("symptom    " + symptom);
    }
    JsonNode updates = c.get("updates");
    if (updates.hasNonNull("next_due_at")) {
      out.println("next update due " + updates.get("next_due_at").asText()
          + (updates.get("overdue").asBoolean() ? " — OVERDUE" : ""));
    }
    if (!c.get("actions").isEmpty()) {
      out.println("actions");
      for (JsonNode a : c.get("actions")) {
        out.println("  #" + a.get("seq").asText() + " " + a.get("kind").asText() + ": " + a.get("summary").asText()
            + " — " + a.get("state").asText().replace('_', ' ')
            + (a.get("verdict").isNull() ? "" : ": " + a.get("verdict").asText().replace('_', ' '))
            + (a.get("confounded").asBoolean() ? " (confounded)" : "")
            + " · window " + a.at("/window/start").asText() + " .. " + a.at("/window/end").asText());
        if (!a.get("effect").isNull()) {
          out.println("     " + a.at("/effect/explanation").asText());
        }
      }
    }
    out.println("entries");
    for (JsonNode e : c.get("entries")) {
      out.println("  " + line(e));
    }
    out.flush();
  }

  static void entry(PrintWriter out, String id, JsonNode e) {
    out.println(id + " #" + line(e));
    out.flush();
  }

  static String line(JsonNode e) {
    String what = switch (e.get("type").asText()) {
      case "fact", "root_cause" -> e.path("statement").asText();
      case "hypothesis" -> e.path("statement").asText() + " [" + e.path("status").asText() + "]";
      case "action" -> e.path("kind").asText() + ": " + e.path("summary").asText()
          + (e.path("snapshot_id").isTextual() ? " (snapshot " + e.get("snapshot_id").asText() + " taken first)" : "")
          + (e.path("confounds").isEmpty() ? "" : " (overlaps " + e.get("confounds") + ": confounded)");
      case "effect" -> "action " + e.path("action").asText() + ": " + e.path("verdict").asText().replace('_', ' ');
      case "decision" -> e.path("decision").asText();
      case "status_change" -> e.path("from").asText() + " -> " + e.path("to").asText();
      case "status_update" -> "status update published (" + e.path("status").asText() + ")";
      case "note" -> e.path("text").asText();
      case "snapshot" -> e.path("snapshot_id").asText() + " sha256 " + e.path("manifest_sha256").asText().substring(0, 12)
          + "… " + e.path("rows");
      default -> e.toString();
    };
    return e.get("seq").asText() + " " + e.get("at").asText() + " " + e.get("author").asText() + " "
        + e.get("type").asText() + ": " + what;
  }
}
