package io.casefile.signals;

import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.model.SignalRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.traces.Component;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignalsOnStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");
  private static final TimeRange BASELINE = new TimeRange(T0, T0.plusSeconds(600));
  private static final TimeRange INCIDENT = new TimeRange(T0.plusSeconds(600), T0.plusSeconds(900));
  private static final Flow CHECKOUT = new Flow("checkout", "POST /checkout");
  private static final Component GATEWAY = new Component("payments", "POST", "pix-gateway");

  private final TestStore store;

  SignalsOnStoreTest() throws SQLException {
    store = new TestStore();
  }

  @AfterEach
  void close() throws SQLException {
    store.close();
  }

  private void load(Shop.Behaviour incident) throws SQLException {
    Shop shop = new Shop(7);
    store.insert(shop.traffic(BASELINE.from(), 600, 1_200, Shop.NORMAL));
    store.insert(shop.traffic(INCIDENT.from(), 300, 600, incident));
  }

  private static SignalRequest request(int maxTraces) {
    return new SignalRequest(CHECKOUT, INCIDENT, BASELINE, List.of(), maxTraces);
  }

  @Test
  void errorOriginNamesTheDeepestErroringSpanAndItsPeer() throws SQLException {
    load(new Shop.Behaviour(0.3, 120_000, 0.01));

    ErrorOriginResult r = new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(store.db), request(2_000)).value();

    assertThat(r.origins()).isNotEmpty();
    assertThat(r.origins().get(0).component()).isEqualTo(GATEWAY);
    assertThat(r.origins().get(0).share()).isGreaterThan(0.8);
    assertThat(r.origins().get(0).baselineTraces()).isZero();
    assertThat(r.incident().requests()).isEqualTo(600);
    assertThat(r.incident().sampled()).isFalse();
    assertThat(r.pathServices()).containsKeys("checkout", "payments");
    Finding f = r.findings().get(0);
    assertThat(f.peer()).isEqualTo("pix-gateway");
    assertThat(f.claim()).contains("payments POST -> pix-gateway");
    assertThat(f.query()).contains("WITH RECURSIVE").contains("'checkout'");
    assertThat(f.numbers()).containsKeys("share", "baseline_share", "failed_traces");
  }

  @Test
  void errorOriginExaminesTheMostRecentFailedTracesDeterministicallyAndSaysSo() throws SQLException {
    load(new Shop.Behaviour(0.3, 120_000, 0.01));

    ErrorOriginResult a = new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(store.db), request(40)).value();
    ErrorOriginResult b = new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(store.db), request(40)).value();

    assertThat(a.incident().sampledTraces()).isEqualTo(40);
    assertThat(a.incident().sampled()).isTrue();
    assertThat(a.origins()).isEqualTo(b.origins());
    assertThat(a.origins().get(0).component()).isEqualTo(GATEWAY);
    assertThat(a.findings().get(0).claim()).contains("40 of 205 failed requests examined: the most recent, from");
  }

  @Test
  void latencyGrowthIsAttributedToTheGatewayCall() throws SQLException {
    load(new Shop.Behaviour(0.0, 2_000_000, 0.01));

    LatencyResult r = new LatencySignal().analyse(new DuckDbTelemetryReader(store.db), request(2_000)).value();

    assertThat(r.growth()).isNotEmpty();
    assertThat(r.growth().get(0).component()).isEqualTo(GATEWAY);
    assertThat(r.growth().get(0).shareOfGrowth()).isGreaterThan(0.9);
    assertThat(r.growth().get(0).growthMicros()).isGreaterThan(1_800_000);
    assertThat(r.findings().get(0).claim()).startsWith("payments POST -> pix-gateway adds 2.0 s");
  }

  @Test
  void aFailingSlowPeerTurnsBadAsADerivedDependencyChange() throws SQLException {
    load(new Shop.Behaviour(0.3, 2_000_000, 0.01));

    DependencyResult r = new DependencySignal().analyse(new DuckDbTelemetryReader(store.db), request(2_000)).value();

    assertThat(r.turns()).hasSize(1);
    var change = r.derivedChanges().get(0);
    assertThat(change.service()).isEqualTo("pix-gateway");
    assertThat(change.type()).isEqualTo(ChangeType.DEPENDENCY);
    assertThat(change.timestamp()).isEqualTo(INCIDENT.from());
    assertThat(change.targets()).containsEntry("callers", "payments");
    assertThat(r.findings().get(0).query()).contains("kind = 3");
  }

  @Test
  void aCallToOurOwnServerIsNotAThirdPartyDependency() throws SQLException {
    load(new Shop.Behaviour(0.3, 2_000_000, 0.01));
    // payments answers on the address its client spans call: the "peer" is payments itself
    long t = INCIDENT.from().getEpochSecond() * 1_000_000L;
    store.store.write(List.of(io.casefile.store.TelemetryBatch.ofSpans(List.of(new io.casefile.store.SpanRow(
        7, 7, 7, 0, t, 1000, 2, "POST", 0, "", "payments", "POST /internal", true, false,
        new String[] {"server.address"}, new String[] {"pix-gateway"}, 1)))), T0);

    DependencyResult dep = new DependencySignal().analyse(new DuckDbTelemetryReader(store.db), request(2_000)).value();
    ErrorOriginResult origin = new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(store.db), request(2_000)).value();

    assertThat(dep.turns()).isEmpty();
    assertThat(dep.derivedChanges()).isEmpty();
    assertThat(origin.origins()).isNotEmpty();
    assertThat(origin.origins().get(0).component().peer()).isNull();
  }

  @Test
  void noAnomalyReportsNothing() throws SQLException {
    load(Shop.NORMAL);
    SignalRequest req = request(2_000);

    for (SignalSource s : SignalSources.standard()) {
      assertThat(s.find(new DuckDbTelemetryReader(store.db), req)).as(s.kind()).isEmpty();
    }
  }

  @Test
  void metricsThatMovedOnTheImplicatedServiceAreRankedWithTheirQuery() throws SQLException {
    List<io.casefile.analysis.metrics.MetricPoint> points = new java.util.ArrayList<>();
    double total = 0;
    for (int i = 0; i <= 90; i++) {
      Instant t = T0.plusSeconds(10L * i);
      total += i >= 60 ? 50 : 10 + (i % 3);
      points.add(io.casefile.analysis.metrics.MetricPoint.sum(t, "pix.timeouts", "/pix", total));
      points.add(io.casefile.analysis.metrics.MetricPoint.gauge(t, "jvm.threads", "", 40 + (i % 2)));
    }
    store.insertMetrics("payments", points);
    SignalRequest req = new SignalRequest(CHECKOUT, INCIDENT, BASELINE, List.of("payments"), 100);

    List<MetricResult> results = new MetricSignal().analyse(new DuckDbTelemetryReader(store.db), req);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).shifts()).extracting(s -> s.name() + ":" + s.stat())
        .containsExactly("pix.timeouts:rate");
    assertThat(results.get(0).shifts().get(0).incidentMedian()).isEqualTo(5.0);
    Finding f = results.get(0).findings().get(0);
    assertThat(f.claim()).startsWith("pix.timeouts rate on payments moved: median 1.10 1/s -> 5.00 1/s");
    assertThat(f.query()).contains("FROM metric_points").contains("'payments'");
  }

  @Test
  void theWholeEnvironmentIsEveryRequest() throws SQLException {
    load(new Shop.Behaviour(0.3, 120_000, 0.01));

    ErrorOriginResult r = new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(store.db),
        new SignalRequest(null, INCIDENT, BASELINE, List.of(), 2_000)).value();

    long every;
    try (var st = store.db.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM spans WHERE is_request AND start_time >= TIMESTAMP '"
            + io.casefile.store.Sql.timestampText(INCIDENT.from()) + "' AND start_time < TIMESTAMP '"
            + io.casefile.store.Sql.timestampText(INCIDENT.to()) + "'")) {
      rs.next();
      every = rs.getLong(1);
    }
    assertThat(every).isGreaterThan(600); // more than the 600 checkouts: the services they call answer requests too
    assertThat(r.incident().requests()).isEqualTo(every);
    assertThat(r.origins().get(0).component()).isEqualTo(GATEWAY);
    assertThat(r.findings().get(0).claim()).contains("of failed requests originate in");
  }
}
