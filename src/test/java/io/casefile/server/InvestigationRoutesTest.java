package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvestigationRoutesTest {
  @TempDir static Path dir;
  static CasefileServer server;

  @BeforeAll
  static void start() {
    server = CasefileServer.start(ServerConfig.ephemeral(dir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void answersAQuestionOnAnEmptyStoreWithNoAnomaly() {
    var r = TestHttp.post(server.apiUri(), "/api/v1/investigations", "application/json",
        utf8("{\"signal\": \"errors\", \"last\": \"1h\"}"));
    assertThat(r.statusCode()).isEqualTo(200);
    var body = TestHttp.json(r);
    assertThat(body.path("anomaly").asBoolean(true)).isFalse();
    assertThat(body.path("notes").get(0).asText()).contains("nothing is wrong");
    assertThat(body.at("/evidence/0/query").asText()).contains("FROM spans");
  }

  @Test
  void aFlowThatDoesNotExistIsA404NotAnAllClear() {
    var r = TestHttp.post(server.apiUri(), "/api/v1/investigations", "application/json",
        utf8("{\"flow\": \"checkout:POST /checkout\", \"signal\": \"errors\", \"last\": \"1h\"}"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(r).at("/error/code").asText()).isEqualTo("unknown_flow");
    assertThat(TestHttp.json(r).at("/error/message").asText()).contains("checkout:POST /checkout");
  }

  @Test
  void anUnknownFieldIsA400NamingIt() {
    var r = TestHttp.post(server.apiUri(), "/api/v1/investigations", "application/json",
        utf8("{\"flw\": \"x\", \"last\": \"1h\"}"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(r).at("/error/message").asText()).contains("'flw'");
  }

  @Test
  void rejectsBadQuestionsWithAClearJsonError() {
    for (String bad : new String[] {
        "{\"signal\": \"latency:p101\", \"last\": \"1h\"}",
        "{\"signal\": \"errors\"}",
        "{\"flow\": \"checkout\", \"last\": \"1h\"}",
        "{\"last\": \"forever\"}",
        "{\"from\": \"yesterday\", \"to\": \"2026-01-01T00:00:00Z\"}",
        "{\"from\": \"2026-01-02T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}",
        "[1, 2]",
        "{not json"}) {
      var r = TestHttp.post(server.apiUri(), "/api/v1/investigations", "application/json", utf8(bad));
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(TestHttp.json(r).at("/error/code").asText()).as(bad).isEqualTo("bad_request");
      assertThat(TestHttp.json(r).at("/error/message").asText()).as(bad).isNotBlank();
    }
    var wrongType = TestHttp.post(server.apiUri(), "/api/v1/investigations", "text/plain", utf8("{}"));
    assertThat(wrongType.statusCode()).isEqualTo(415);
  }
}
