package io.casefile.store.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsMappingTest {
  @TempDir
  Path dir;

  private MetricsMapping load(String json) throws IOException {
    Path f = dir.resolve("mapping.json");
    Files.writeString(f, json);
    return MetricsMapping.load(f);
  }

  @Test
  void spanmetricsIsTheDefaultAndDimensionsBecomeUnderscoredLabels() throws IOException {
    MetricsMapping m = load("{\"dimensions\": [\"app.tenant.id\", \"region\"], \"step\": \"30s\"}");
    assertThat(m.requests()).isEqualTo("traces_span_metrics_calls_total");
    assertThat(m.labelOf("app.tenant.id")).isEqualTo("app_tenant_id");
    assertThat(m.attributeOf("app_tenant_id")).isEqualTo("app.tenant.id");
    assertThat(m.attributeOf("service_version")).isEqualTo("service.version");
    assertThat(m.attributeOf("status_code")).isEqualTo("otel.status_code");
    assertThat(m.step()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theHttpServerPresetNamesFlowsByMethodAndRoute() throws IOException {
    MetricsMapping m = load("{\"preset\": \"http-server\", \"service\": \"service_name\","
        + " \"dimensions\": {\"deployment.region\": \"region\"}}");
    assertThat(m.requests()).isEqualTo("http_server_request_duration_seconds_count");
    assertThat(m.flowLabels()).containsExactly("service_name", "http_request_method", "http_route");
    assertThat(m.durationUnitMs()).isEqualTo(1000);
    assertThat(m.attributeOf("region")).isEqualTo("deployment.region");
    assertThat(m.errorMatches()).isEqualTo("5..");
  }

  @Test
  void aCustomMappingSaysWhichMetricAndLabelsMeanWhat() throws IOException {
    MetricsMapping m = load("""
        {"requests": "myapp_requests_total", "duration_buckets": "myapp_latency_seconds_bucket",
         "duration_unit": "s", "service": "app", "operation": ["endpoint"],
         "error": {"label": "outcome", "matches": "failure|timeout", "attribute": "outcome"},
         "filter": {}, "dimensions": {"service.version": "version"}}""");
    assertThat(m.flowLabels()).containsExactly("app", "endpoint");
    assertThat(m.errorLabel()).isEqualTo("outcome");
    assertThat(m.labelOf("service.version")).isEqualTo("version");
    assertThat(m.filter()).isEmpty();
  }

  @Test
  void badMappingsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> load("{\"metric\": \"x\"}")).hasMessageContaining("unknown key 'metric'");
    assertThatThrownBy(() -> load("{\"requests\": \"my-metric\"}")).hasMessageContaining("requests must be a metric name");
    assertThatThrownBy(() -> load("{\"service\": \"service.name\"}")).hasMessageContaining("service must be a label name");
    assertThatThrownBy(() -> load("{\"error\": {\"label\": \"code\", \"matches\": \"5(\"}}"))
        .hasMessageContaining("error.matches is not a valid regular expression");
    assertThatThrownBy(() -> load("{\"error\": \"5xx\"}")).hasMessageContaining("error must be {\"label\"");
    assertThatThrownBy(() -> load("{\"preset\": \"statsd\"}")).hasMessageContaining("preset must be spanmetrics or http-server");
    assertThatThrownBy(() -> load("{\"duration_unit\": \"minutes\"}")).hasMessageContaining("duration_unit must be s, ms or us");
    assertThatThrownBy(() -> load("{\"step\": \"fast\"}")).hasMessageContaining("step: a duration must be positive");
    assertThatThrownBy(() -> load("[1]")).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> load("{")).hasMessageContaining("cannot read the metrics mapping");
    assertThatThrownBy(() -> MetricsMapping.load(dir.resolve("absent.json"))).hasMessageContaining("absent.json");
  }

  @Test
  void promqlQuotesValuesAndEscapesRegexes() {
    assertThat(PromQl.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    assertThat(PromQl.selector("m", java.util.Map.of("a", "x\""), java.util.Map.of("b", "1|2")))
        .isEqualTo("m{a=\"x\\\"\",b=~\"1|2\"}");
  }
}
