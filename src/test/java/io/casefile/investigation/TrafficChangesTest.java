package io.casefile.investigation;

import io.casefile.model.Onset;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.suspects.ScopeMatch;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Derived traffic changes: a rate that moved is one; requests that did not exist before are not. */
class TrafficChangesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration BUCKET = Duration.ofSeconds(10);
  private static final Flow FLOW = Flow.parse("payments:POST /payments/authorize");

  @Test
  void aCohortThatRoseFromSomeTrafficIsADerivedTrafficChange() {
    assertThat(derived(cohortSeries(20, 60))).hasSize(1)
        .allSatisfy(c -> assertThat(c.summary()).contains("rose"));
  }

  @Test
  void aCohortThatDidNotExistBeforeIsNotATrafficChange() {
    assertThat(derived(cohortSeries(0, 60))).isEmpty();
  }

  @Test
  void aFlowThatStartedShortlyBeforeTheOnsetIsNotATrafficRise() {
    // the service started 4 minutes before the onset: one partial bucket, then its steady rate
    long[] req = new long[90];
    req[36] = 1;
    Arrays.fill(req, 37, 90, 8);
    double[] val = new double[90];
    Arrays.fill(val, Double.NaN);
    BucketSeries started = new BucketSeries(T0, BUCKET, req, new long[90], val);
    assertThat(derived(started, started)).isEmpty();
  }

  /** 60 buckets of the cohort at {@code before} requests each, then 30 at {@code after}. */
  private static BucketSeries cohortSeries(long before, long after) {
    long[] req = new long[90];
    Arrays.fill(req, 0, 60, before);
    Arrays.fill(req, 60, 90, after);
    double[] val = new double[90];
    Arrays.fill(val, Double.NaN);
    return new BucketSeries(T0, BUCKET, req, new long[90], val);
  }

  private static List<ChangeEvent> derived(BucketSeries cohort) {
    long[] flowReq = new long[90];
    Arrays.fill(flowReq, 100);
    double[] val = new double[90];
    Arrays.fill(val, Double.NaN);
    return derived(new BucketSeries(T0, BUCKET, flowReq, new long[90], val), cohort);
  }

  private static List<ChangeEvent> derived(BucketSeries flow, BucketSeries cohort) {
    TelemetryReader store = (TelemetryReader) Proxy.newProxyInstance(
        TelemetryReader.class.getClassLoader(), new Class<?>[] {TelemetryReader.class},
        (proxy, method, args) -> {
          if (method.getName().equals("series")) {
            return new Measured<>(cohort, "-- cohort series");
          }
          throw new UnsupportedOperationException(method.getName());
        });
    Instant onset = T0.plus(BUCKET.multipliedBy(60));
    Cohort top = new Cohort(Map.of("service.version", "2.31.0"), 1.0, 1800, 900, 0.5, 0.0, "-- cohort");
    List<ChangeEvent> out = new ArrayList<>();
    Map<String, ScopeMatch> scopes = new HashMap<>();
    new SignalsReader(store, new EvidenceLog(), new ArrayList<>()).trafficChanges(FLOW, flow,
        new Onset(onset, onset.minus(BUCKET), onset.plus(BUCKET)), List.of(top),
        new Window(onset, T0.plus(BUCKET.multipliedBy(90)), 3000, 900, 0.3, "ratio"),
        new TimeRange(T0, T0.plus(BUCKET.multipliedBy(90))), BUCKET, out, scopes);
    return out;
  }
}
