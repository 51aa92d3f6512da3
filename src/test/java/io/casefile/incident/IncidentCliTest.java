package io.casefile.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.cli.Main;
import io.casefile.model.JsonCodec;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code casefile incident …} against a running in-process server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentCliTest {
  @TempDir Path dir;
  CasefileServer server;

  record Run(int code, String out, String err) {}

  @BeforeAll
  void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(dir));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.size() >= 2 && !all.contains("--server")) {
      all.add("--server");
      all.add(server.apiUri().toString());
    }
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(all.toArray(String[]::new));
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void everySubcommandWorksAndSpeaksJson() throws Exception {
    Run open = run("incident", "open", "--title", "checkout 500s", "--severity", "SEV2", "--flow",
        "checkout:POST /checkout", "--cohort", "payment_method=pix", "--json", "--author", "ana");
    assertThat(open.code()).as(open.err()).isZero();
    String id = JsonCodec.mapper().readTree(open.out()).get("id").asText();
    assertThat(run("incident", "fact", id, "71% of pix checkouts fail").out()).contains("fact: 71% of pix");
    assertThat(run("incident", "hypothesis", id, "deploy 2.31.0 broke pix", "--for", "97% on 2.31.0").out())
        .contains("[open]");
    assertThat(run("incident", "hypothesis", id, "deploy 2.31.0 broke pix", "--status", "confirmed", "--revises", "2")
        .out()).contains("[confirmed]");
    Run action = run("incident", "action", id, "roll back payments", "--expect", "errors stop", "--window", "PT5M");
    assertThat(action.out()).contains("mitigation: roll back payments", "snapshot");
    Run refused = run("incident", "action", id, "turn off flag");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("one change at a time", "(overlapping_change)");
    assertThat(run("incident", "action", id, "turn off flag", "--force", "--reason", "still failing").out())
        .contains("confounded");
    assertThat(run("incident", "decide", id, "keep the flag off", "--rationale", "safer").out()).contains("decision");
    assertThat(run("incident", "note", id, "correction: onset was 14:02").out()).contains("note");
    assertThat(run("incident", "update", id, "--draft").out()).contains("What we suspect", "Next update");
    assertThat(run("incident", "update", id, "--key", "u1").out()).contains("published as u1");
    assertThat(run("incident", "update", id, "--key", "u1").out()).contains("already published as u1");
    Run early = run("incident", "resolve", id);
    assertThat(early.code()).isEqualTo(2);
    assertThat(early.err()).contains("(root_cause_required)");
    assertThat(run("incident", "root-cause", id, "--unknown", "--reason", "logs rotated", "--follow-up", "replay").out())
        .contains("root_cause");
    assertThat(run("incident", "status", id, "mitigated").out()).contains("is now mitigated");
    assertThat(run("incident", "resolve", id, "--json").out()).contains("\"status\" : \"resolved\"");
    assertThat(run("incident", "show", id).out()).contains("status     resolved", "(confounded)", "entries");
    assertThat(run("incident", "show", id, "--json").out()).contains("\"actions\"");
    assertThat(run("incident", "list").out()).contains(id, "resolved");
    assertThat(run("incident", "list", "--json").out()).contains("\"incidents\"");
    assertThat(run("incident", "postmortem", id).out()).contains("## Trigger", "## Root cause", "## Mitigation");
    assertThat(run("incident", "postmortem", id, "--json").out()).contains("\"markdown\"");
    assertThat(run("incident", "snapshot", id, "--reason", "for the postmortem").out()).contains("snapshot");
  }

  @Test
  void badInputToEveryCommandGetsAClearError() {
    String[][] unknown = {
      {"show", "INC-999"}, {"fact", "INC-999", "x"}, {"hypothesis", "INC-999", "x"}, {"action", "INC-999", "x"},
      {"decide", "INC-999", "x"}, {"note", "INC-999", "x"}, {"update", "INC-999"}, {"update", "INC-999", "--draft"},
      {"root-cause", "INC-999", "x"}, {"resolve", "INC-999"}, {"status", "INC-999", "mitigated"},
      {"postmortem", "INC-999"}, {"snapshot", "INC-999"},
    };
    for (String[] args : unknown) {
      String[] full = new String[args.length + 1];
      full[0] = "incident";
      System.arraycopy(args, 0, full, 1, args.length);
      Run r = run(full);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).contains("no incident with id INC-999", "(not_found)")
          .doesNotContain("Exception");
    }
    Run open = run("incident", "open", "--title", "x", "--severity", "SEV2");
    String id = open.out().split(" ")[1];
    expectError(run("incident", "open", "--severity", "SEV2"), "Missing required option: '--title");
    expectError(run("incident", "open", "--title", "x"), "severity is required");
    expectError(run("incident", "open", "--title", "x", "--severity", "SEV7"), "SEV1|SEV2");
    expectError(run("incident", "open", "--title", "x", "--severity", "SEV2", "--flow", "checkout"), "SERVICE:OPERATION");
    expectError(run("incident", "open", "--title", "x", "--investigation", dir.resolve("missing.json").toString()),
        "cannot read --investigation");
    expectError(run("incident", "action", id, "x", "--kind", "prayer"), "action kind");
    expectError(run("incident", "action", id, "x", "--window", "five"), "PT5M");
    expectError(run("incident", "action", id, "x", "--force"), "force needs a reason");
    expectError(run("incident", "hypothesis", id, "x", "--status", "maybe"), "hypothesis status");
    expectError(run("incident", "hypothesis", id, "x", "--revises", "abc"), "--revises");
    expectError(run("incident", "status", id, "done"), "status must be one of");
    expectError(run("incident", "status", id, "investigating"), "invalid_transition");
    expectError(run("incident", "root-cause", id), "root cause statement");
    expectError(run("incident", "root-cause", id, "--unknown", "--reason", "r"), "follow_up");
    expectError(run("incident", "show"), "Missing required parameter");
    expectError(run("incident", "list", "--server", "http://127.0.0.1:1"), "cannot reach the Casefile server");
    expectError(run("incident", "list", "--server", "not a url"), "--server must be");
  }

  private static void expectError(Run r, String part) {
    assertThat(r.code()).as(r.out() + r.err()).isNotZero();
    assertThat(r.err()).contains(part).doesNotContain("at io.casefile");
  }
}
