package io.casefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code casefile incident …}: the casefile over a running server's API. */
@Command(name = "incident", description = "Run an incident's casefile on a running Casefile server.",
    subcommands = {
      IncidentCommand.Open.class, IncidentCommand.ListIncidents.class, IncidentCommand.Show.class,
      IncidentCommand.Fact.class, IncidentCommand.Hypothesis.class, IncidentCommand.Action.class,
      IncidentCommand.Decide.class, IncidentCommand.Note.class, IncidentCommand.Update.class,
      IncidentCommand.RootCause.class, IncidentCommand.Status.class, IncidentCommand.Resolve.class,
      IncidentCommand.Snapshot.class, IncidentCommand.Postmortem.class,
    })
final class IncidentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Base of subcommands: prints JSON or the human form. */
  abstract static class Sub implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ServerOptions conn;

    @Option(names = "--author", defaultValue = "${env:USER:-anonymous}", description = "Who writes the entry (default: ${DEFAULT-VALUE}).")
    String author;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    int print(JsonNode answer, java.util.function.Consumer<JsonNode> human) {
      if (conn.json) {
        out().println(ServerOptions.pretty(answer));
      } else {
        human.accept(answer);
      }
      out().flush();
      return 0;
    }

    ObjectNode body(String type) {
      ObjectNode o = JsonCodec.mapper().createObjectNode();
      if (type != null) {
        o.put("type", type);
      }
      o.put("author", author);
      return o;
    }

    int entry(String id, ObjectNode body) {
      JsonNode r = conn.client().post(ApiClient.path(id) + "/entries", body);
      return print(r, a -> IncidentPrinter.entry(out(), id, a.get("entry")));
    }
  }

  @Command(name = "open", description = "Open an incident by hand or from an investigation (JSON file).")
  static final class Open extends Sub {
    @Option(names = "--title", required = true) String title;
    @Option(names = "--severity", description = "SEV1..SEV4 (taken from the investigation when omitted).") String severity;
    @Option(names = "--commander") String commander;
    @Option(names = "--flow", description = "SERVICE:OPERATION of the symptom.") String flow;
    @Option(names = "--cohort", description = "KEY=VALUE of the affected cohort (repeatable).") Map<String, String> cohort;
    @Option(names = "--description") String description;
    @Option(names = "--onset", description = "RFC 3339 onset time.") String onset;
    @Option(names = "--investigation", description = "JSON file: an investigation result, or a question {flow, signal, from, to}.")
    Path investigation;

    @Override
    public Integer call() {
      ObjectNode o = body(null);
      o.put("title", title);
      putIf(o, "severity", severity);
      putIf(o, "commander", commander);
      if (flow != null || cohort != null || description != null || onset != null) {
        ObjectNode s = o.putObject("symptom");
        putIf(s, "flow", flow);
        putIf(s, "description", description);
        putIf(s, "onset", onset);
        if (cohort != null) {
          ObjectNode c = s.putObject("cohort");
          cohort.forEach(c::put);
        }
      }
      if (investigation != null) {
        try {
          o.set("investigation", JsonCodec.mapper().readTree(Files.readString(investigation)));
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read --investigation " + investigation + ": " + e.getMessage());
        }
      }
      JsonNode r = conn.client().post("/api/v1/incidents", o);
      return print(r, a -> out().println("opened " + a.get("id").asText() + " [" + a.get("severity").asText() + "] "
          + a.get("title").asText() + " — " + a.get("status").asText()));
    }
  }

  @Command(name = "list", description = "List incidents, newest first.")
  static final class ListIncidents extends Sub {
    @Option(names = "--drills", paramLabel = "exclude|include|only", defaultValue = "exclude",
        description = "Practice incidents from drills: exclude (default), include or only.") String drills;

    @Override
    public Integer call() {
      return print(conn.client().get("/api/v1/incidents?drills=" + java.net.URLEncoder.encode(drills,
          java.nio.charset.StandardCharsets.UTF_8)), a -> IncidentPrinter.list(out(), a.get("incidents")));
    }
  }

  @Command(name = "show", description = "Show an incident's casefile: status, actions with their effects, entries.")
  static final class Show extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override
    public Integer call() {
      return print(conn.client().get(ApiClient.path(id)), a -> IncidentPrinter.show(out(), a));
    }
  }

  @Command(name = "fact", description = "Record a fact (evidence).")
  static final class Fact extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "STATEMENT") String statement;
    @Option(names = "--source") String source;
    @Option(names = "--query", description = "The query that reproduces it.") String query;

    @Override
    public Integer call() {
      ObjectNode o = body("fact");
      o.put("statement", statement);
      putIf(o, "source", source);
      putIf(o, "query", query);
      return entry(id, o);
    }
  }

  @Command(name = "hypothesis", description = "Record a hypothesis, or revise one with --revises N.")
  static final class Hypothesis extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "STATEMENT") String statement;
    @Option(names = "--status", description = "open, supported, refuted or confirmed (default open).") String status;
    @Option(names = "--for", description = "Evidence for (repeatable).") List<String> evidenceFor;
    @Option(names = "--against", description = "Evidence against (repeatable).") List<String> evidenceAgainst;
    @Option(names = "--revises", description = "The entry number of the hypothesis this revises.") Long revises;

    @Override
    public Integer call() {
      ObjectNode o = body("hypothesis");
      o.put("statement", statement);
      putIf(o, "status", status);
      if (evidenceFor != null) {
        evidenceFor.forEach(o.putArray("evidence_for")::add);
      }
      if (evidenceAgainst != null) {
        evidenceAgainst.forEach(o.putArray("evidence_against")::add);
      }
      if (revises != null) {
        o.put("revises", revises);
      }
      return entry(id, o);
    }
  }

  @Command(name = "action", description = "Record an action; a mitigation is refused while another one's window is open unless --force --reason.")
  static final class Action extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "SUMMARY") String summary;
    @Option(names = "--kind", defaultValue = "mitigation", description = "mitigation, diagnostic or correction (default: ${DEFAULT-VALUE}).") String kind;
    @Option(names = "--expect", description = "The expected effect.") String expect;
    @Option(names = "--target", description = "What it acts on, as free text.") String target;
    @Option(names = "--lever", paramLabel = "KIND:TARGET[@VERSION]", description = "The machine-readable target: "
        + "rollback:SERVICE[@VERSION], flag_off:KEY, route_away:ATTRIBUTE=VALUE, restart:SERVICE, scale:SERVICE, "
        + "disable_dependency:PEER, revert_config:SERVICE.") String lever;
    @Option(names = "--window", description = "Observation window: 90s, 5m, 1h (or ISO-8601 PT5M); default 5m.") String window;
    @Option(names = "--force", description = "Start it even though another mitigation is being observed.") boolean force;
    @Option(names = "--reason", description = "Why the overlap is necessary (required with --force).") String reason;

    @Override
    public Integer call() {
      ObjectNode o = body("action");
      o.put("kind", kind);
      o.put("summary", summary);
      putIf(o, "expected_effect", expect);
      putIf(o, "target", target);
      putIf(o, "lever", lever);
      putIf(o, "observation_window", window == null ? null : isoWindow(window));
      if (force) {
        o.put("force", true);
      }
      putIf(o, "reason", reason);
      return entry(id, o);
    }
  }

  /** {@code 5m} as the command line writes durations elsewhere, or ISO-8601 {@code PT5M} as the API takes it. */
  static String isoWindow(String text) {
    String t = text.trim();
    if (t.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
      return t;
    }
    try {
      return io.casefile.model.Durations.parse(t).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--window must be like 90s, 5m or 1h (or PT5M), got '" + text + "'");
    }
  }

  @Command(name = "decide", description = "Record a decision.")
  static final class Decide extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "DECISION") String decision;
    @Option(names = "--rationale") String rationale;

    @Override
    public Integer call() {
      ObjectNode o = body("decision");
      o.put("decision", decision);
      putIf(o, "rationale", rationale);
      return entry(id, o);
    }
  }

  @Command(name = "note", description = "Record a note (corrections are notes too: nothing is edited).")
  static final class Note extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "TEXT") String text;

    @Override
    public Integer call() {
      ObjectNode o = body("note");
      o.put("text", text);
      return entry(id, o);
    }
  }

  @Command(name = "update", description = "Publish a status update to the webhooks (--draft only shows it).")
  static final class Update extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = "--draft", description = "Show the draft without publishing.") boolean draft;
    @Option(names = "--text", description = "Publish this text instead of the draft's.") String text;
    @Option(names = "--key", description = "Idempotency key: publishing again with it sends nothing twice.") String key;

    @Override
    public Integer call() {
      if (draft) {
        return print(conn.client().get(ApiClient.path(id) + "/updates/draft"),
            a -> out().print(a.get("text").asText()));
      }
      ObjectNode o = body(null);
      putIf(o, "text", text);
      putIf(o, "idempotency_key", key);
      return print(conn.client().post(ApiClient.path(id) + "/updates", o), a -> {
        out().print(a.at("/entry/text").asText());
        out().println((a.get("duplicate").asBoolean() ? "already published" : "published") + " as "
            + a.get("idempotency_key").asText() + " to " + a.get("webhooks").asInt() + " webhook(s)");
      });
    }
  }

  @Command(name = "root-cause", description = "Record the root cause, or --unknown with --reason and --follow-up.")
  static final class RootCause extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "STATEMENT", arity = "0..1") String statement;
    @Option(names = "--trigger", description = "What triggered it (kept apart from the root cause).") String trigger;
    @Option(names = "--unknown", description = "The root cause is unknown.") boolean unknown;
    @Option(names = "--reason", description = "Why it is unknown.") String reason;
    @Option(names = "--follow-up", description = "How it will be found.") String followUp;

    @Override
    public Integer call() {
      ObjectNode o = body("root_cause");
      putIf(o, "statement", statement);
      putIf(o, "trigger", trigger);
      if (unknown) {
        o.put("unknown", true);
      }
      putIf(o, "reason", reason);
      putIf(o, "follow_up", followUp);
      return entry(id, o);
    }
  }

  @Command(name = "status", description = "Move the incident to investigating, identified, mitigated, monitoring or resolved.")
  static final class Status extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "STATUS") String status;
    @Option(names = "--reason") String reason;

    @Override
    public Integer call() {
      return IncidentCommand.status(this, id, status, reason);
    }
  }

  @Command(name = "resolve", description = "Resolve the incident (needs a root-cause entry).")
  static final class Resolve extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = "--reason") String reason;

    @Override
    public Integer call() {
      return IncidentCommand.status(this, id, "resolved", reason);
    }
  }

  @Command(name = "snapshot", description = "Take an evidence snapshot now.")
  static final class Snapshot extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = "--reason") String reason;

    @Override
    public Integer call() {
      ObjectNode o = body(null);
      putIf(o, "reason", reason);
      JsonNode r = conn.client().post(ApiClient.path(id) + "/snapshots", o);
      return print(r, a -> IncidentPrinter.entry(out(), id, a.get("entry")));
    }
  }

  @Command(name = "postmortem", description = "Print the postmortem markdown (or write it with -o).")
  static final class Postmortem extends Sub {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = {"-o", "--output"}, description = "Write to this file.") Path output;

    @Override
    public Integer call() throws IOException {
      String md = conn.client().getText(ApiClient.path(id) + "/postmortem.md");
      if (conn.json) {
        ObjectNode o = JsonCodec.mapper().createObjectNode();
        o.put("id", id);
        o.put("markdown", md);
        return print(o, a -> { });
      }
      if (output != null) {
        Files.writeString(output, md);
        out().println("wrote " + output);
      } else {
        out().print(md);
      }
      out().flush();
      return 0;
    }
  }

  static int status(Sub sub, String id, String status, String reason) {
    ObjectNode o = sub.body(null);
    o.put("status", status);
    putIf(o, "reason", reason);
    JsonNode r = sub.conn.client().post(ApiClient.path(id) + "/status", o);
    return sub.print(r, a -> sub.out().println(id + " is now " + a.get("status").asText()));
  }

  static void putIf(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
