package io.casefile.store.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.alerts.AlertSettings;
import io.casefile.model.JsonCodec;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code casefile serve --source prometheus=URL}: the API's investigations read request metrics from Prometheus. */
class ServerWithPrometheusSourceTest {
  @TempDir
  static Path dir;
  private static RealMetricsBackend prometheus;
  private static CasefileServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealMetricsBackend.prometheusAvailable(), "Prometheus is not installed: apt-get install prometheus");
    prometheus = RealMetricsBackend.prometheus(dir.resolve("prometheus"), RequestFixture.series());
    int down;
    try (var s = new ServerSocket(0)) {
      down = s.getLocalPort();
    }
    MetricsMapping mapping = MetricsMapping.SPANMETRICS.withDimensions(RequestFixture.DIMENSIONS);
    server = CasefileServer.start(ServerConfig.ephemeral(null).withRetention(null), AlertSettings.DEFAULTS,
        List.of(PrometheusSource.parse("prometheus=" + prometheus.base, 1, mapping),
            PrometheusSource.parse("prometheus=http://127.0.0.1:" + down, 2, mapping)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static HttpResponse<String> ask(String source) throws Exception {
    String q = "{\"flow\": \"payments:POST /pay\", \"from\": \"" + RequestFixture.ALL.from() + "\", \"to\": \""
        + RequestFixture.ALL.to() + "\"" + (source == null ? "" : ", \"source\": \"" + source + "\"") + "}";
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.apiUri() + "/api/v1/investigations"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(q)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theFirstSourceAnswersWithPromqlEvidence() throws Exception {
    HttpResponse<String> r = ask(null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode inv = JsonCodec.mapper().readTree(r.body());
    assertThat(inv.path("anomaly").asBoolean()).as(r.body()).isTrue();
    assertThat(inv.path("symptom").path("cohorts").get(0).path("attributes").path("payment_method").asText())
        .as(r.body()).isEqualTo("pix");
    assertThat(inv.path("evidence").get(0).path("query").asText()).contains("-- PromQL").contains("increase(");
  }

  @Test
  void aQuestionNamesItsSource() throws Exception {
    HttpResponse<String> embedded = ask(CasefileServer.EMBEDDED);
    assertThat(embedded.statusCode()).as(embedded.body()).isEqualTo(404);
    HttpResponse<String> unknown = ask("graphite");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown source 'graphite'").contains("prometheus-2");
  }

  @Test
  void aSourceThatIsDownIsNamedIn502() throws Exception {
    HttpResponse<String> r = ask("prometheus-2");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(r.body()).contains("source_unavailable").contains("unreachable").contains("query");
  }
}
