package io.casefile.investigation;

import io.casefile.store.TelemetryReader;
import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.model.SignalSpec;
import static io.casefile.investigation.SpanFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.store.TelemetryReader.Bad;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DuckDbTelemetryReaderTest {
  static SpanFixture fx;
  static DuckDbTelemetryReader store;
  static final Flow CHECKOUT = Flow.parse("checkout:POST /checkout");
  static final TimeRange ALL = new TimeRange(T0, T0.plusSeconds(600));
  static final TimeRange BASE = new TimeRange(T0, T0.plusSeconds(400));
  static final TimeRange INC = new TimeRange(T0.plusSeconds(400), T0.plusSeconds(600));

  @BeforeAll
  static void load() throws Exception {
    fx = new SpanFixture().shop(600, 10, 400, 1)
        .change("c1", "deploy", T0.plusSeconds(380), "payments", "2.31.0", "2.30.4", "api");
    store = new DuckDbTelemetryReader(fx.connection);
  }

  @AfterAll
  static void close() throws Exception {
    fx.close();
  }

  @Test
  void bucketsRequestsAndErrorsOfAFlow() {
    var m = store.series(CHECKOUT, Map.of(), ALL, Duration.ofSeconds(10), SignalSpec.ERRORS);
    assertThat(m.value().size()).isEqualTo(60);
    assertThat(m.value().totalRequests(0, 60)).isEqualTo(6000);
    assertThat(m.value().totalErrors(40, 60)).isGreaterThan(200);
    assertThat(m.query()).contains("'checkout'").contains("TIMESTAMP '2026-03-01 14:00:00.000000'");
  }

  @Test
  void seriesCarriesTheLatencyQuantileWhenAsked() {
    var m = store.series(new Flow("payments", "POST /pay"), Map.of("payment_method", "pix"), ALL,
        Duration.ofSeconds(60), SignalSpec.latency(0.5));
    assertThat(m.value().value(0)).isEqualTo(100.0);
  }

  @Test
  void statsEveryAttributeButNotTheFailuresConsequences() {
    var m = store.attributeStats(CHECKOUT, ALL);
    assertThat(m.value()).extracting(TelemetryReader.AttributeStat::attribute)
        .contains("payment_method", "region", "enduser.id")
        .doesNotContain("http.response.status_code", "exception.type", "trace_id");
    var method = m.value().stream().filter(s -> s.attribute().equals("payment_method")).findFirst().orElseThrow();
    assertThat(method.distinct()).isEqualTo(3);
    assertThat(method.coverage()).isEqualTo(1.0);
  }

  @Test
  void countsTheTopValuesOfEachAttribute() {
    var m = store.valueCounts(CHECKOUT, List.of("payment_method", "enduser.id"), BASE, INC, Bad.ERRORS, 5);
    assertThat(m.value()).filteredOn(v -> v.attribute().equals("payment_method")).hasSize(3)
        .first().satisfies(v -> assertThat(v.value()).isEqualTo("pix"));
    assertThat(m.value()).filteredOn(v -> v.attribute().equals("enduser.id")).hasSize(5);
  }

  @Test
  void countsLeavesInBothWindows() {
    var m = store.leafCounts(CHECKOUT, List.of(TelemetryReader.Dimension.all("payment_method")), BASE, INC, Bad.ERRORS);
    var pix = m.value().stream().filter(l -> l.values().equals(List.of("pix"))).findFirst().orElseThrow();
    assertThat(pix.requests()).isGreaterThan(200);
    assertThat((double) pix.bad() / pix.requests()).isGreaterThan(0.5);
    assertThat((double) pix.baselineBad() / pix.baselineRequests()).isLessThan(0.05);
  }

  @Test
  void signatureCountsFailedTracesPerValue() {
    var m = store.signatureCounts(CHECKOUT, BASE, INC);
    var timeout = m.value().stream().filter(c -> c.value().equals("PixGatewayTimeout")).findFirst().orElseThrow();
    assertThat(timeout.kind()).isEqualTo("exception.type");
    assertThat(timeout.baselineCount()).isZero();
    assertThat(timeout.count()).isGreaterThan(200);
  }

  @Test
  void readsChangesWithTargets() {
    var m = store.changes(T0, T0.plusSeconds(600));
    assertThat(m.value()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo("c1");
      assertThat(c.targets()).containsEntry("region", "eu-west");
      assertThat(c.version()).isEqualTo("2.31.0");
    });
  }

  @Test
  void countsDistinctUsersAndTheScopeOfAChange() {
    assertThat(store.distinctUsers(CHECKOUT, INC, Bad.ERRORS).value()).isBetween(100L, 500L);
    var scope = store.scopeCounts(CHECKOUT, INC, Bad.ERRORS, "payments", Map.of("service.version", "2.31.0")).value();
    assertThat(scope.inScope()).isEqualTo(scope.requests());
    var pix = store.scopeCounts(CHECKOUT, INC, Bad.ERRORS, null, Map.of("payment_method", "pix")).value();
    assertThat((double) pix.badInScope() / pix.bad()).isGreaterThan(0.9);
  }

  @Test
  void ranksFlowsSeries() {
    var m = store.flowSeries(ALL, Duration.ofSeconds(10), 10);
    assertThat(m.value()).extracting(f -> f.flow().toString()).containsExactly("checkout:POST /checkout", "payments:POST /pay");
  }
}
