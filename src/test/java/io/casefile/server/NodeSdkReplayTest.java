package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.analysis.localize.Localizers;
import io.casefile.analysis.severity.SeverityPolicy;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.InvestigationEngine;
import io.casefile.investigation.InvestigationReport;
import io.casefile.investigation.Investigations;
import io.casefile.investigation.Question;
import io.casefile.model.SignalSpec;
import io.casefile.model.Flow;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP/HTTP protobuf trace requests recorded from the OpenTelemetry Node SDK (sdk-node 0.223,
 * instrumentation-http; see src/test/resources/otlp/node-sdk/record.js for how) replayed into a
 * server: tenant acme's orders fail after a release, and the investigation says so.
 */
class NodeSdkReplayTest {
  static final String RESOURCES = "/otlp/node-sdk/";
  static final int REQUESTS = 4;

  @TempDir Path dir;

  @Test
  void theNodeSdksTrafficIsLocalizedToTheTenantAndTheRelease() throws Exception {
    Instant release = Instant.parse(resource("release.txt").trim());
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir).withRetention(null))) {
      for (int i = 1; i <= REQUESTS; i++) {
        byte[] body;
        try (InputStream in = NodeSdkReplayTest.class.getResourceAsStream(RESOURCES + "traces-%03d.bin".formatted(i))) {
          body = in.readAllBytes();
        }
        assertThat(TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", body).statusCode())
            .isEqualTo(200);
      }
      TestHttp.post(server.apiUri(), "/api/v1/changes", "application/json", ("{\"type\":\"feature_flag\","
          + "\"timestamp\":\"" + release.minusMillis(200) + "\",\"service\":\"node-shop\",\"flag_key\":\"new-pricing\","
          + "\"summary\":\"new-pricing on for tenant acme\",\"targets\":{\"tenant.id\":\"acme\"}}")
          .getBytes(StandardCharsets.UTF_8));
      JsonNode orders = null;
      for (int i = 0; i < 240 && orders == null; i++) {
        for (JsonNode f : TestHttp.json(TestHttp.get(server.apiUri(),
            "/api/v1/flows?from=" + release.minusSeconds(600) + "&to=" + release.plusSeconds(600))).get("flows")) {
          if (f.get("service").asText().equals("node-shop") && f.get("requests").asLong() > 400) {
            orders = f;
          }
        }
        Thread.sleep(orders == null ? 250 : 0);
      }
      assertThat(orders).as("the recorded orders were ingested").isNotNull();
      Flow flow = new Flow("node-shop", orders.get("operation").asText());

      // one-second buckets: the recording holds 8 s before the release and 8 s after
      var settings = new InvestigationEngine.Settings(Duration.ofSeconds(1), Duration.ofHours(2), 0.999,
          SeverityPolicy.DEFAULT, Localizers.standard(), 3);
      Investigation inv = new Investigations(server.store(), settings).investigate(new Question(flow, SignalSpec.ERRORS,
          release.minusSeconds(10), release.plusSeconds(10)));
      String report = InvestigationReport.render(inv);
      assertThat(inv.anomaly()).as(report).isTrue();
      assertThat(inv.symptom().cohorts()).as(report).first()
          .satisfies(c -> assertThat(c.attributes()).isEqualTo(Map.of("tenant.id", "acme")));
      assertThat(inv.suspects()).as(report).first()
          .satisfies(x -> assertThat(x.change().flagKey()).isEqualTo("new-pricing"));
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = NodeSdkReplayTest.class.getResourceAsStream(RESOURCES + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
