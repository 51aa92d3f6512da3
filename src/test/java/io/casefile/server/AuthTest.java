package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthTest {
  static final Tokens TOKENS = Tokens.parse(List.of(
      "# tokens", "ingest-token-0123456789 ingest", "reader-token-0123456789 read", "admin-token-01234567890 admin"),
      "test");

  @Test
  void rolesGateIngestAndReads() {
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(null).withTokens(TOKENS))) {
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      var none = TestHttp.post(server.otlpUri(), "/v1/traces", "application/json", body);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(TestHttp.post(server.otlpUri(), "/v1/traces", "application/json", body,
          "Authorization", "Bearer reader-token-0123456789").statusCode()).isEqualTo(403);
      assertThat(TestHttp.post(server.otlpUri(), "/v1/traces", "application/json", body,
          "Authorization", "Bearer ingest-token-0123456789").statusCode()).isEqualTo(200);

      assertThat(TestHttp.get(server.apiUri(), "/api/v1/services").statusCode()).isEqualTo(401);
      assertThat(TestHttp.get(server.apiUri(), "/api/v1/services", "Authorization", "Bearer wrong-token-000000000")
          .statusCode()).isEqualTo(401);
      assertThat(TestHttp.get(server.apiUri(), "/api/v1/services", "Authorization", "Bearer ingest-token-0123456789")
          .statusCode()).isEqualTo(403);
      assertThat(TestHttp.get(server.apiUri(), "/api/v1/services", "Authorization", "Bearer reader-token-0123456789")
          .statusCode()).isEqualTo(200);
      assertThat(TestHttp.get(server.apiUri(), "/api/v1/flows", "Authorization", "Bearer admin-token-01234567890")
          .statusCode()).isEqualTo(200);
      assertThat(TestHttp.get(server.apiUri(), "/api/v1/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aNonLoopbackBindWithoutTokensIsRefusedWithAReason() {
    assertThatThrownBy(() -> CasefileServer.start(ServerConfig.ephemeral(null).withHost("0.0.0.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to listen on 0.0.0.0 without authentication")
        .hasMessageContaining("--token-file");
  }

  @Test
  void badTokenFilesNameTheLine() {
    assertThatThrownBy(() -> Tokens.parse(List.of("abcdefghijklmnopq reader"), "tokens.txt"))
        .hasMessageContaining("tokens.txt line 1").hasMessageContaining("unknown role 'reader'");
    assertThatThrownBy(() -> Tokens.parse(List.of("short read"), "tokens.txt"))
        .hasMessageContaining("at least 16 characters");
  }
}
