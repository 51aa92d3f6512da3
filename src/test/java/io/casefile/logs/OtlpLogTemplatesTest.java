package io.casefile.logs;

import io.casefile.store.signals.LogTemplateQueries;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpLogTemplatesTest {
  @TempDir Path dir;

  private static String record(long nanos, String body, String traceId) {
    return "{\"timeUnixNano\":\"" + nanos + "\",\"severityNumber\":17,\"severityText\":\"ERROR\","
        + "\"body\":{\"stringValue\":\"" + body + "\"},\"traceId\":\"" + traceId + "\",\"spanId\":\"00000000000000aa\"}";
  }

  @Test
  void logsReceivedOverOtlpCarryTheirMinedTemplate() throws Exception {
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      long t0 = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000L;
      List<String> records = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        records.add(record(t0 + i * 1_000_000L, "PixGatewayClient timeout after " + (5000 + i) + " ms",
            String.format("%032x", i + 1)));
      }
      String body = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
          + "\"value\":{\"stringValue\":\"payments\"}}]},\"scopeLogs\":[{\"logRecords\":["
          + String.join(",", records) + "]}]}]}";
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.otlpUri().resolve("/v1/logs"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

      try (var c = server.store().connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT t.template, count(*), max(t.count) FROM logs l "
              + "JOIN log_templates t ON t.id = l.template_id GROUP BY t.template")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("PixGatewayClient timeout after <*> ms");
        assertThat(rs.getLong(2)).isEqualTo(5);
        assertThat(rs.getLong(3)).isEqualTo(5);
        assertThat(rs.next()).isFalse();
      }
      try (var c = server.store().connection()) {
        var sample = new LogTemplateQueries(c).traceSample(1, java.util.Optional.of("payments"),
            new io.casefile.model.TimeRange(Instant.ofEpochSecond(0, t0), Instant.ofEpochSecond(0, t0 + 10_000_000L)), 2);
        assertThat(sample.traceIds()).containsExactly(String.format("%032x", 1), String.format("%032x", 2));
      }
    }
  }
}
