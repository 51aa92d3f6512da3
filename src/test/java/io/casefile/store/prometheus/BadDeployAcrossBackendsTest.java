package io.casefile.store.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.demo.GroundTruth;
import io.casefile.demo.Payload;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ScenarioSink;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.eval.ScenarioCase;
import io.casefile.ingest.IngestLimits;
import io.casefile.ingest.OtlpDecoder;
import io.casefile.ingest.OtlpSignal;
import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.InvestigationEngine;
import io.casefile.investigation.InvestigationReport;
import io.casefile.investigation.Investigations;
import io.casefile.investigation.Question;
import io.casefile.model.ChangeEvent;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import io.casefile.store.SpanRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's bad-deploy scenario, ingested by the embedded store and exported from the same spans
 * as spanmetrics series (calls and duration histograms per 15 s, the scenario's cohort attributes
 * as dimensions), investigated through each backend: the same onset within one step, the same
 * cohort and the same first suspect.
 */
class BadDeployAcrossBackendsTest {
  static final SimulationOptions SMALL = new SimulationOptions(7, Instant.parse("2026-03-01T12:00:00Z"),
      Duration.ofMinutes(12), Duration.ofMinutes(8), 6);
  static final List<String> COHORT_ATTRIBUTES = List.of("region", "payment_method", "device", "customer_tier",
      "feature_flag.result.variant", "service.version");
  static final Duration STEP = Duration.ofSeconds(15);

  @TempDir
  static Path dir;
  private static CasefileServer server;
  private static GroundTruth truth;
  private static SpanMetricsSeries series;
  private static Investigation embedded;

  /** Sends the scenario to the server and keeps every span it sends, decoded as the server decodes them. */
  private record Tee(ScenarioReplayer replayer, List<SpanRow> spans) implements ScenarioSink {
    @Override
    public void change(ChangeEvent change) throws IOException {
      replayer.change(change);
    }

    @Override
    public void payload(Payload payload) throws IOException {
      replayer.payload(payload);
      if (payload.signal().equals("traces")) {
        InstantSource at = InstantSource.fixed(payload.time());
        spans.addAll(new OtlpDecoder(IngestLimits.DEFAULT, at).protobuf(OtlpSignal.TRACES, payload.body()).batch().spans());
      }
    }
  }

  @BeforeAll
  static void simulate() throws IOException {
    server = CasefileServer.start(ServerConfig.ephemeral(dir.resolve("casefile")).withRetention(null));
    List<SpanRow> spans = new ArrayList<>();
    try (ScenarioReplayer replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null)) {
      truth = ShopSimulation.run(Scenario.BAD_DEPLOY, SMALL, new Tee(replayer, spans));
    }
    Instant from = Instant.ofEpochMilli(Math.floorDiv(truth.dataStart().toEpochMilli(), STEP.toMillis()) * STEP.toMillis());
    series = new SpanMetricsSeries(from, truth.dataEnd().plus(STEP), STEP, COHORT_ATTRIBUTES, true);
    spans.forEach(series::add);
    embedded = new Investigations(server.store()).investigate(question());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Question question() {
    return ScenarioCase.question(truth);
  }

  @Test
  void prometheusFindsWhatTheEmbeddedStoreFinds() throws Exception {
    assumeTrue(RealMetricsBackend.prometheusAvailable(), "Prometheus is not installed: apt-get install prometheus");
    try (RealMetricsBackend b = RealMetricsBackend.prometheus(dir.resolve("prometheus"), series)) {
      assertSameFindings(b);
    }
  }

  @Test
  void victoriaMetricsFindsWhatTheEmbeddedStoreFinds() throws Exception {
    assumeTrue(RealMetricsBackend.victoriaMetricsAvailable(), "VictoriaMetrics is not installed: apt-get install victoria-metrics");
    try (RealMetricsBackend b = RealMetricsBackend.victoriaMetrics(dir.resolve("victoria-metrics"), series)) {
      assertSameFindings(b);
    }
  }

  private static void assertSameFindings(RealMetricsBackend backend) throws Exception {
    Investigation metrics;
    // Casefile's own store beside the metrics source: its change events
    try (Connection changes = server.store().connection()) {
      var source = new PrometheusTelemetryReader(new PrometheusClient(backend.base, PrometheusClient.Settings.DEFAULT),
          MetricsMapping.SPANMETRICS.withDimensions(COHORT_ATTRIBUTES), new DuckDbTelemetryReader(changes)::changes);
      var settings = new InvestigationEngine.Settings(STEP, InvestigationEngine.Settings.DEFAULTS.lookback(),
          InvestigationEngine.Settings.DEFAULTS.objective(), InvestigationEngine.Settings.DEFAULTS.policy(),
          InvestigationEngine.Settings.DEFAULTS.localizer(), InvestigationEngine.Settings.DEFAULTS.maxCohorts());
      metrics = new InvestigationEngine(source, settings).investigate(question());
    }
    String reports = "embedded store:\n" + InvestigationReport.render(embedded) + "\nmetrics (" + series.seriesCount()
        + " series):\n" + InvestigationReport.render(metrics) + "\n" + backend.log();
    assertThat(embedded.anomaly()).as(reports).isTrue();
    assertThat(metrics.anomaly()).as(reports).isTrue();
    assertThat(Duration.between(embedded.symptom().onset().at(), metrics.symptom().onset().at()).abs())
        .as(reports).isLessThanOrEqualTo(STEP);
    assertThat(cohorts(metrics)).as(reports).isEqualTo(cohorts(embedded)).isNotEmpty();
    assertThat(metrics.suspects()).as(reports).isNotEmpty();
    assertThat(metrics.suspects().get(0).change().id()).as(reports).isEqualTo(embedded.suspects().get(0).change().id());
  }

  private static Set<Map<String, String>> cohorts(Investigation inv) {
    Set<Map<String, String>> out = new HashSet<>();
    inv.symptom().cohorts().forEach(c -> out.add(Map.copyOf(c.attributes())));
    return out;
  }
}
