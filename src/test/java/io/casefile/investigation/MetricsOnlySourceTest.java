package io.casefile.investigation;

import static io.casefile.investigation.SpanFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.signature.SignatureCount;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.SignalSpec;
import io.casefile.model.TimeRange;
import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An investigation over a source that holds only request metrics (no spans, no logs): it finds the
 * same onset and cohort as over the embedded store, keeps the changes as suspects, and says which parts it could
 * not examine instead of failing.
 */
class MetricsOnlySourceTest {
  private static final Flow CHECKOUT = Flow.parse("checkout:POST /checkout");

  @Test
  void investigatesFromMetricsAloneAndNamesWhatItCouldNotExamine() throws Exception {
    try (SpanFixture fx = new SpanFixture().shop(1200, 10, 800, 3)
        .change("payments-2.31.0", "deploy", T0.plusSeconds(780), "payments", "2.31.0", "2.30.4", "api")
        .change("search-9.9", "deploy", T0.plusSeconds(795), "search", "9.9", "9.8", "api")) {
      DuckDbTelemetryReader full = new DuckDbTelemetryReader(fx.connection);
      Question q = new Question(CHECKOUT, SignalSpec.ERRORS, T0, T0.plusSeconds(1200));
      Investigation all = new InvestigationEngine(full, InvestigationEngine.Settings.DEFAULTS).investigate(q);
      Investigation metrics = new InvestigationEngine(new MetricsOnly(full), InvestigationEngine.Settings.DEFAULTS)
          .investigate(q);

      assertThat(metrics.anomaly()).isTrue();
      assertThat(metrics.symptom().onset()).isEqualTo(all.symptom().onset());
      assertThat(metrics.symptom().cohorts().get(0).attributes())
          .isEqualTo(all.symptom().cohorts().get(0).attributes()).isEqualTo(Map.of("payment_method", "pix"));
      assertThat(all.suspects().get(0).change().id()).isEqualTo("payments-2.31.0");
      // without traces nothing places the payments deploy on the error path: both deploys stay suspects
      assertThat(metrics.suspects()).extracting(x -> x.change().id()).contains("payments-2.31.0", "search-9.9");
      assertThat(metrics.signals()).isEmpty();
      assertThat(metrics.rootCauses()).isEmpty();
      assertThat(metrics.notes())
          .contains("not examined: traces: metrics-only test source holds no spans")
          .contains("not examined: logs: metrics-only test source holds no log records")
          .anySatisfy(n -> assertThat(n).startsWith("not examined: root causes: metrics-only test source"));
      for (Evidence e : metrics.evidence()) {
        assertThat(e.query()).isNotBlank();
      }
    }
  }

  @Test
  void anEnvironmentQuestionFindsTheWorstFlowFromMetricsAlone() throws Exception {
    try (SpanFixture fx = new SpanFixture().shop(1200, 10, 800, 3)) {
      DuckDbTelemetryReader full = new DuckDbTelemetryReader(fx.connection);
      Question q = new Question(null, SignalSpec.ERRORS, T0, T0.plusSeconds(1200));
      Investigation all = new InvestigationEngine(full, InvestigationEngine.Settings.DEFAULTS).investigate(q);
      Investigation metrics = new InvestigationEngine(new MetricsOnly(full), InvestigationEngine.Settings.DEFAULTS)
          .investigate(q);
      assertThat(metrics.anomaly()).isTrue();
      assertThat(metrics.symptom().flow()).isEqualTo(all.symptom().flow());
      assertThat(metrics.symptom().onset()).isEqualTo(all.symptom().onset());
    }
  }

  /**
   * A source with what request metrics (spanmetrics-style series) carry: flows, bucketed counts,
   * label values and change events; every trace, log and gauge part is unavailable (the defaults).
   */
  private record MetricsOnly(TelemetryReader metrics) implements TelemetryReader {
    @Override
    public String name() {
      return "metrics-only test source";
    }

    @Override
    public Measured<BucketSeries> series(Flow flow, Map<String, String> cohort, TimeRange range, Duration bucket,
        SignalSpec signal) {
      return metrics.series(flow, cohort, range, bucket, signal);
    }

    @Override
    public Measured<List<Flow>> flows() {
      return metrics.flows();
    }

    @Override
    public Measured<List<FlowSeries>> flowSeries(TimeRange range, Duration bucket, int maxFlows) {
      return metrics.flowSeries(range, bucket, maxFlows);
    }

    @Override
    public Measured<Counts> counts(Flow flow, TimeRange range, Bad bad, double quantile) {
      return metrics.counts(flow, range, bad, quantile);
    }

    @Override
    public Measured<List<AttributeStat>> attributeStats(Flow flow, TimeRange range) {
      return metrics.attributeStats(flow, range);
    }

    @Override
    public Measured<List<ValueCount>> valueCounts(Flow flow, List<String> attributes, TimeRange baseline,
        TimeRange incident, Bad bad, int perAttribute) {
      return metrics.valueCounts(flow, attributes, baseline, incident, bad, perAttribute);
    }

    @Override
    public Measured<List<LeafCount>> leafCounts(Flow flow, List<Dimension> dimensions, TimeRange baseline,
        TimeRange incident, Bad bad) {
      return metrics.leafCounts(flow, dimensions, baseline, incident, bad);
    }

    @Override
    public Measured<List<SignatureCount>> signatureCounts(Flow flow, TimeRange baseline, TimeRange incident) {
      return Measured.unavailable("traces", name() + " holds no spans");
    }

    @Override
    public Measured<List<ChangeEvent>> changes(Instant from, Instant to) {
      return metrics.changes(from, to);
    }

    @Override
    public Measured<Set<String>> services(TimeRange range) {
      return metrics.services(range);
    }

    @Override
    public Measured<Long> distinctUsers(Flow flow, TimeRange range, Bad bad) {
      return Measured.unavailable("users", name() + " holds no user ids");
    }

    @Override
    public Measured<ScopeCounts> scopeCounts(Flow flow, TimeRange range, Bad bad, String service,
        Map<String, String> attributes) {
      return Measured.unavailable("traces", name() + " holds no spans");
    }
  }
}
