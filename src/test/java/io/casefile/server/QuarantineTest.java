package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.ingest.Quarantine;
import io.casefile.bench.SyntheticSpans;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request the store refuses (here: its span ids break a unique index an operator added) is
 * acknowledged, then found by loading one request at a time, kept in the quarantine with the
 * store's reason, and the loader goes on with the requests after it; the server starts again.
 */
class QuarantineTest {
  @TempDir Path dir;

  @Test
  void aRequestTheStoreRefusesIsQuarantinedAndTheLoaderGoesOn() {
    SyntheticSpans gen = new SyntheticSpans(5);
    long t0 = Instant.now().minusSeconds(600).toEpochMilli() * 1_000_000L;
    var first = gen.batch(50, t0);
    var next = gen.batch(50, t0 + 5_000_000_000L);
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertThat(post(server, first.toByteArray())).isEqualTo(200);
      assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM spans")).isEqualTo(50);
      server.store().read(c -> {
        try (var st = c.createStatement()) {
          st.execute("CREATE UNIQUE INDEX spans_unique_id ON spans (span_id)");
          return null;
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(post(server, first.toByteArray())).as("acknowledged: it is durable in the log").isEqualTo(200);
      assertThat(post(server, next.toByteArray())).isEqualTo(200);
      assertThat(RealAgentIngestTest.count(server, "SELECT count(*) FROM spans")).isEqualTo(100);
      JsonNode h = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/health"));
      assertThat(h.get("status").asText()).isEqualTo("degraded");
      assertThat(h.get("quarantined_requests").asLong()).isEqualTo(1);
    }
    var kept = Quarantine.open(dir.resolve("quarantine")).items();
    assertThat(kept).singleElement().satisfies(i -> {
      assertThat(i.entry().body()).isEqualTo(first.toByteArray());
      assertThat(i.reason()).contains("the store refused it");
    });
    try (CasefileServer again = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertThat(RealAgentIngestTest.count(again, "SELECT count(*) FROM spans")).isEqualTo(100);
      assertThat(TestHttp.json(TestHttp.get(again.apiUri(), "/api/v1/health")).get("quarantined_requests").asLong())
          .isEqualTo(1);
    }
  }

  static int post(CasefileServer server, byte[] body) {
    return TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", body).statusCode();
  }
}
