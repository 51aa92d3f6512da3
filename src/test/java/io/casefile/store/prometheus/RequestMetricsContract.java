package io.casefile.store.prometheus;

import static io.casefile.store.prometheus.RequestFixture.ALL;
import static io.casefile.store.prometheus.RequestFixture.BASELINE;
import static io.casefile.store.prometheus.RequestFixture.CHECKOUT;
import static io.casefile.store.prometheus.RequestFixture.INCIDENT;
import static io.casefile.store.prometheus.RequestFixture.PAYMENTS;
import static io.casefile.store.prometheus.RequestFixture.SEARCH;
import static io.casefile.store.prometheus.RequestFixture.STEP;
import static io.casefile.store.prometheus.RequestFixture.count;
import static io.casefile.store.prometheus.RequestFixture.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.signature.SignatureCount;
import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReader.AttributeStat;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.Counts;
import io.casefile.store.TelemetryReader.Dimension;
import io.casefile.store.TelemetryReader.LeafCount;
import io.casefile.store.TelemetryReader.ValueCount;
import io.casefile.store.Measured;
import io.casefile.model.SignalSpec;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every source of request data must answer alike, in the manner of zipkin's ITStorage: the
 * {@link RequestFixture} is written once, to the embedded store as spans and to metrics backends
 * as spanmetrics series, and each backend's answers are compared with the counts known from the
 * fixture itself. Subclasses start their backend once per class; parts that need traces or user
 * ids are checked only where {@link #hasTraces()}.
 */
abstract class RequestMetricsContract {

  /** The source under test, filled with the fixture. */
  abstract TelemetryReader store();

  /** Whether the source holds traces (trace walks, users); metrics sources must say these are unavailable. */
  abstract boolean hasTraces();

  @Test
  void countsRequestsAndErrorsOfAFlowAndOfTheEnvironment() {
    for (Flow f : new Flow[] {CHECKOUT, PAYMENTS, SEARCH, null}) {
      for (TimeRange r : List.of(ALL, BASELINE, INCIDENT)) {
        Measured<Counts> m = store().counts(f, r, Bad.ERRORS, 0);
        assertThat(m.value().requests()).as(f + " " + r + "\n" + m.query()).isEqualTo(count(in(f, r)));
        assertThat(m.value().bad()).as(f + " " + r + "\n" + m.query()).isEqualTo(count(in(f, r).and(q -> q.error())));
        assertThat(m.query()).isNotBlank();
      }
    }
  }

  @Test
  void countsRequestsSlowerThanAThresholdOnABucketBound() {
    for (Flow f : new Flow[] {CHECKOUT, PAYMENTS, null}) {
      Measured<Counts> m = store().counts(f, INCIDENT, Bad.slowerThan(100_000), 0);
      assertThat(m.value().bad()).as(f + "\n" + m.query())
          .isEqualTo(count(in(f, INCIDENT).and(q -> q.durationMicros() > 100_000)));
    }
  }

  @Test
  void latencyQuantileFallsInTheHistogramBucketOfTheExactOne() {
    // checkout's baseline durations are 30-45 ms: the exact p50 and the histogram's both lie in (10, 50] ms
    double p50 = store().counts(CHECKOUT, BASELINE, Bad.ERRORS, 0.5).value().quantileMs();
    assertThat(p50).isGreaterThan(10).isLessThanOrEqualTo(50);
    // payments' failed pix payments take 4.2 s: its incident p99 lies in (2000, 5000] ms
    double p99 = store().counts(PAYMENTS, INCIDENT, Bad.ERRORS, 0.99).value().quantileMs();
    assertThat(p99).isGreaterThan(2000).isLessThanOrEqualTo(5000);
  }

  @Test
  void seriesPerBucketMatchTheFixture() {
    for (Duration bucket : List.of(STEP, STEP.multipliedBy(2))) {
      for (Flow f : new Flow[] {CHECKOUT, PAYMENTS, null}) {
        Measured<BucketSeries> m = store().series(f, Map.of(), ALL, bucket, SignalSpec.ERRORS);
        assertThat(m.value()).as(f + " " + bucket + "\n" + m.query()).isEqualTo(expectedSeries(f, Map.of(), bucket));
      }
    }
  }

  @Test
  void seriesOfACohortKeepOnlyItsRequests() {
    Map<String, String> pix = Map.of("payment_method", "pix");
    Measured<BucketSeries> m = store().series(PAYMENTS, pix, ALL, STEP, SignalSpec.ERRORS);
    assertThat(m.value()).as(m.query()).isEqualTo(expectedSeries(PAYMENTS, pix, STEP));
    Map<String, String> none = Map.of("payment_method", TelemetryReader.NONE);
    assertThat(store().series(SEARCH, none, ALL, STEP, SignalSpec.ERRORS).value().totalRequests(0, RequestFixture.STEPS))
        .isEqualTo(count(in(SEARCH, ALL)));
    assertThat(store().series(CHECKOUT, Map.of("payment_method", "nope"), ALL, STEP, SignalSpec.ERRORS).value()
        .totalRequests(0, RequestFixture.STEPS)).isZero();
  }

  @Test
  void latencySeriesHaveAValueWhereThereAreRequests() {
    BucketSeries s = store().series(PAYMENTS, Map.of(), ALL, STEP, SignalSpec.latency(0.99)).value();
    assertThat(s.value(0)).isGreaterThan(50).isLessThanOrEqualTo(100);
    assertThat(s.value(30)).isGreaterThan(2000).isLessThanOrEqualTo(5000);
  }

  @Test
  void flowSeriesHoldEveryFlowsBuckets() {
    var m = store().flowSeries(ALL, STEP, 50);
    assertThat(m.value()).extracting(TelemetryReader.FlowSeries::flow).containsExactly(CHECKOUT, PAYMENTS, SEARCH);
    for (var fs : m.value()) {
      assertThat(fs.series()).as(fs.flow() + "\n" + m.query()).isEqualTo(expectedSeries(fs.flow(), Map.of(), STEP));
    }
    assertThat(store().flowSeries(ALL, STEP, 2).value()).extracting(TelemetryReader.FlowSeries::flow)
        .containsExactly(CHECKOUT, PAYMENTS);
  }

  @Test
  void listsFlowsAndServices() {
    assertThat(store().flows().value()).containsExactly(CHECKOUT, PAYMENTS, SEARCH);
    assertThat(store().services(ALL).value()).containsExactly("checkout", "payments", "search");
  }

  @Test
  void attributeStatsGiveDistinctValuesAndCoverage() {
    Measured<List<AttributeStat>> m = store().attributeStats(SEARCH, ALL);
    long n = count(in(SEARCH, ALL));
    assertThat(cohortStats(m.value())).as(m.query()).containsExactlyInAnyOrder(
        new AttributeStat("region", 2, n, n), new AttributeStat("service.version", 1, n, n));
    m = store().attributeStats(PAYMENTS, ALL);
    n = count(in(PAYMENTS, ALL));
    assertThat(cohortStats(m.value())).as(m.query()).containsExactlyInAnyOrder(
        new AttributeStat("region", 2, n, n), new AttributeStat("service.version", 2, n, n),
        new AttributeStat("payment_method", 2, n, n));
  }

  /**
   * The fixture's cohort attributes that the flow's requests carry (a store may know more attributes
   * than metrics keep, and may list an attribute no request of the flow has).
   */
  private static List<AttributeStat> cohortStats(List<AttributeStat> stats) {
    return stats.stream().filter(s -> RequestFixture.DIMENSIONS.contains(s.attribute()) && s.present() > 0).toList();
  }

  @Test
  void valueCountsCompareTheWindowsPerValue() {
    Measured<List<ValueCount>> m = store().valueCounts(PAYMENTS, List.of("payment_method", "region"), BASELINE,
        INCIDENT, Bad.ERRORS, 5);
    List<ValueCount> expected = new ArrayList<>();
    for (String a : List.of("payment_method", "region")) {
      List<String> values = a.equals("region") ? List.of("eu-west", "us-east") : List.of("pix", "card");
      for (String v : values) {
        expected.add(new ValueCount(a, v, count(in(PAYMENTS, BASELINE).and(q -> v.equals(q.attributes().get(a)))),
            count(in(PAYMENTS, BASELINE).and(q -> q.error() && v.equals(q.attributes().get(a)))),
            count(in(PAYMENTS, INCIDENT).and(q -> v.equals(q.attributes().get(a)))),
            count(in(PAYMENTS, INCIDENT).and(q -> q.error() && v.equals(q.attributes().get(a))))));
      }
    }
    assertThat(m.value()).as(m.query()).containsExactlyElementsOf(expected);
    assertThat(store().valueCounts(PAYMENTS, List.of("payment_method"), BASELINE, INCIDENT, Bad.ERRORS, 1).value())
        .extracting(ValueCount::value).containsExactly("pix");
  }

  @Test
  void leafCountsGroupByCombinationsWithNoneAndOther() {
    Measured<List<LeafCount>> m = store().leafCounts(null,
        List.of(new Dimension("payment_method", List.of()), new Dimension("service.version", List.of("2.31.0"))),
        BASELINE, INCIDENT, Bad.ERRORS);
    List<LeafCount> expected = new ArrayList<>();
    for (String method : List.of("(none)", "card", "pix")) {
      for (String version : List.of("(other)", "2.31.0")) {
        var leaf = in(null, ALL).and(q -> method.equals(q.attributes().getOrDefault("payment_method", "(none)"))
            && version.equals("2.31.0".equals(q.attributes().get("service.version")) ? "2.31.0" : "(other)"));
        LeafCount c = new LeafCount(List.of(method, version), count(leaf.and(in(null, BASELINE))),
            count(leaf.and(in(null, BASELINE)).and(q -> q.error())), count(leaf.and(in(null, INCIDENT))),
            count(leaf.and(in(null, INCIDENT)).and(q -> q.error())));
        if (c.baselineRequests() + c.requests() > 0) {
          expected.add(c);
        }
      }
    }
    assertThat(m.value()).as(m.query()).containsExactlyElementsOf(expected);
  }

  @Test
  void leafCountsOfSlowRequests() {
    Measured<List<LeafCount>> m = store().leafCounts(PAYMENTS, List.of(new Dimension("payment_method", List.of())),
        BASELINE, INCIDENT, Bad.slowerThan(2_000_000));
    assertThat(m.value()).as(m.query()).containsExactly(
        new LeafCount(List.of("card"), 40, 0, 40, 0), new LeafCount(List.of("pix"), 40, 0, 40, 40));
  }

  @Test
  void signatureCountsFailedRequestsByStatusCode() {
    Measured<List<SignatureCount>> m = store().signatureCounts(CHECKOUT, BASELINE, INCIDENT);
    assertThat(m.value().stream().filter(s -> s.kind().equals("http.response.status_code")).toList()).as(m.query())
        .containsExactly(new SignatureCount("http.response.status_code", "500", 0, 40),
            new SignatureCount("http.response.status_code", "503", 2, 2));
  }

  @Test
  void changesComeFromCasefilesOwnStore() {
    assertThat(store().changes(ALL.from(), ALL.to()).value().stream().filter(c -> !c.derived()).toList())
        .extracting(c -> c.id()).containsExactly("deploy-1");
  }

  @Test
  void traceAndUserAnswersAreUnavailableWithoutTraces() {
    var scope = store().scopeCounts(PAYMENTS, INCIDENT, Bad.ERRORS, "payments", Map.of("region", "eu-west"));
    var users = store().distinctUsers(PAYMENTS, INCIDENT, Bad.ERRORS);
    if (hasTraces()) {
      assertThat(scope.value()).isNotNull();
      assertThat(scope.value().badInScope()).isEqualTo(20);
    } else {
      assertThat(scope.available()).isFalse();
      assertThat(scope.value()).isNull();
      assertThat(scope.unavailable()).startsWith("traces: ");
      assertThat(users.available()).isFalse();
      assertThat(users.unavailable()).startsWith("users: ");
    }
  }

  @Test
  void windowsWithoutDataCountNothing() {
    TimeRange before = new TimeRange(ALL.from().minus(Duration.ofHours(2)), ALL.from().minus(Duration.ofHours(1)));
    assertThat(store().counts(CHECKOUT, before, Bad.ERRORS, 0).value().requests()).isZero();
    assertThat(store().counts(new Flow("nope", "GET /"), ALL, Bad.ERRORS, 0).value().requests()).isZero();
    assertThat(store().services(before).value()).isEqualTo(Set.of());
  }

  static BucketSeries expectedSeries(Flow f, Map<String, String> cohort, Duration bucket) {
    int n = (int) (ALL.length().toMillis() / bucket.toMillis());
    long[] req = new long[n];
    long[] err = new long[n];
    for (var r : RequestFixture.REQUESTS) {
      if ((f == null || r.flow().equals(f)) && cohort.entrySet().stream()
          .allMatch(e -> e.getValue().equals(r.attributes().get(e.getKey())))) {
        int b = (int) (Duration.between(ALL.from(), r.time()).toMillis() / bucket.toMillis());
        req[b]++;
        err[b] += r.error() ? 1 : 0;
      }
    }
    return new BucketSeries(ALL.from(), bucket, req, err, null);
  }
}
