package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.model.Flow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMappingTest {
  static final Instant STARTS = Instant.parse("2026-11-27T21:01:00Z");
  static final Instant NOW = Instant.parse("2026-11-27T21:10:00Z");
  static final List<Flow> FLOWS = List.of(Flow.parse("frontend:POST /checkout"), Flow.parse("frontend:GET /"),
      Flow.parse("payments:POST /payments/authorize"));

  static Alert alert(Map<String, String> labels, String generatorUrl) {
    return new Alert(true, labels, Map.of(), STARTS, null, AlertPayloads.fingerprint(labels), generatorUrl, Map.of());
  }

  @Test
  void serviceAndRouteLabelsNameAFlowAndTheWindowStartsABaselineBeforeTheAlert() {
    var m = AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "CheckoutErrors", "service_name", "frontend",
        "http_route", "/checkout"), null), FLOWS, NOW);
    assertThat(m.question().flow()).isEqualTo(Flow.parse("frontend:POST /checkout"));
    assertThat(m.question().signal().toString()).isEqualTo("errors");
    assertThat(m.question().from()).isEqualTo(Instant.parse("2026-11-27T20:01:00Z"));
    assertThat(m.question().to()).isEqualTo(NOW);
  }

  @Test
  void aServiceWithOneFlowIsThatFlowAndOneWithSeveralIsTheWholeEnvironment() {
    assertThat(AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "X", "job", "payments"), null), FLOWS, NOW)
        .question().flow()).isEqualTo(Flow.parse("payments:POST /payments/authorize"));
    var whole = AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "X", "app", "frontend"), null), FLOWS, NOW);
    assertThat(whole.question().flow()).isNull();
    assertThat(whole.explanation()).contains("a service with 2 flows", "whole-environment");
    assertThat(AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "X", "team", "blue"), null), FLOWS, NOW)
        .explanation()).contains("no service label");
  }

  @Test
  void theSignalComesFromTheLabelElseTheNameAndTheExpression() {
    assertThat(AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "Checkout", "casefile_signal", "latency:p50"), null),
        FLOWS, NOW).question().signal().toString()).isEqualTo("latency:p50");
    assertThat(AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "CheckoutSlow"), null), FLOWS, NOW)
        .question().signal().toString()).isEqualTo("latency:p99");
    String url = "http://prometheus:9090/graph?g0.expr=histogram_quantile%280.99%2C+rate%28http_server_request_duration_seconds_bucket%5B5m%5D%29%29&g0.tab=1";
    assertThat(AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "Checkout"), url), FLOWS, NOW)
        .question().signal().toString()).isEqualTo("latency:p99");
    assertThat(AlertMapping.DEFAULTS.map(alert(Map.of("alertname", "Checkout5xx"), null), FLOWS, NOW)
        .question().signal().toString()).isEqualTo("errors");
  }

  @Test
  void aMappingFileRuleComesFirstAndBadFilesAreNamed() {
    var mapping = AlertMapping.parse("""
        {"service_labels": ["svc"], "baseline": "30m",
         "rules": [{"match": {"alertname": "ShopDown"}, "flow": "frontend:GET /", "signal": "errors"}]}"""
        .getBytes(StandardCharsets.UTF_8), "mapping.json");
    var m = mapping.map(alert(Map.of("alertname", "ShopDown", "svc", "payments"), null), FLOWS, NOW);
    assertThat(m.question().flow()).isEqualTo(Flow.parse("frontend:GET /"));
    assertThat(m.question().from()).isEqualTo(STARTS.minusSeconds(1800));
    assertThat(mapping.map(alert(Map.of("alertname", "Other", "svc", "payments"), null), FLOWS, NOW).question().flow())
        .isEqualTo(Flow.parse("payments:POST /payments/authorize"));
    assertThatThrownBy(() -> AlertMapping.parse("{\"servce_labels\": []}".getBytes(StandardCharsets.UTF_8), "m.json"))
        .hasMessageContaining("m.json: unknown field 'servce_labels'");
    assertThatThrownBy(() -> AlertMapping.parse("{\"rules\": [{\"match\": {\"a\": \"b\"}, \"flow\": \"nocolon\"}]}"
        .getBytes(StandardCharsets.UTF_8), "m.json")).hasMessageContaining("flow must be SERVICE:OPERATION");
  }
}
