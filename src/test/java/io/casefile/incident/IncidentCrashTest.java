package io.casefile.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged entries survive kill -9 of the server process. */
class IncidentCrashTest {
  @TempDir Path dir;

  @Test
  void acknowledgedEntriesSurviveKillMinus9InOrder() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString())
        .redirectErrorStream(false)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> acknowledged = new ArrayList<>();
    String id;
    try {
      var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String ready = lines.readLine();
      assertThat(ready).as("child server did not start").startsWith("READY ");
      Http http = new Http(URI.create("http://127.0.0.1:" + ready.substring(6).trim()));
      var open = http.post("/api/v1/incidents", "{\"title\": \"crash\", \"severity\": \"SEV3\"}");
      assertThat(open.status()).isEqualTo(201);
      id = open.json().get("id").asText();
      for (int i = 0; i < 40; i++) {
        String text = "entry " + i;
        var r = http.post("/api/v1/incidents/" + id + "/entries",
            "{\"type\": \"note\", \"text\": \"" + text + "\", \"author\": \"ana\"}");
        assertThat(r.status()).isEqualTo(201);
        acknowledged.add(text);
      }
      assertThat(http.post("/api/v1/incidents/" + id + "/status", "{\"status\": \"identified\"}").status()).isEqualTo(200);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no checkpoint
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);

    try (CasefileServer again = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      var show = new Http(again.apiUri()).get("/api/v1/incidents/" + id);
      assertThat(show.status()).isEqualTo(200);
      var entries = show.json().get("entries");
      List<String> texts = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      for (var e : entries) {
        seqs.add(e.get("seq").asLong());
        if (e.get("type").asText().equals("note")) {
          texts.add(e.get("text").asText());
        }
      }
      assertThat(texts).containsExactlyElementsOf(acknowledged);
      assertThat(seqs).isSorted().hasSize(41).doesNotHaveDuplicates();
      assertThat(show.json().get("status").asText()).isEqualTo("identified");
    }
  }
}
