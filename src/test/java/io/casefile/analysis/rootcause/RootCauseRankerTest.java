package io.casefile.analysis.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RootCauseRankerTest {
  private static final double BASE = 60;
  private static final double INCIDENT = 60;

  private static WindowStats ms(long n, double millis) {
    return new WindowStats(n, Math.log1p(millis), 0.04);
  }

  /** gateway -> orders -> db: a healthy, busy topology with steady own times and call gaps. */
  private static List<OwnTime> steadyOwnTimes() {
    List<OwnTime> out = new ArrayList<>();
    out.add(new OwnTime("gateway", "GET /", ms(600, 2), ms(600, 2)));
    out.add(new OwnTime("orders", "GET /orders", ms(600, 5), ms(600, 5)));
    out.add(new OwnTime("db", "SELECT", ms(600, 3), ms(600, 3)));
    return out;
  }

  private static List<CallGap> steadyCalls() {
    return List.of(new CallGap("gateway", "orders", ms(600, 1), ms(600, 1)),
        new CallGap("orders", "db", ms(600, 1), ms(600, 1)));
  }

  private static List<MetricWindow> steadyMetrics() {
    Random r = new Random(7);
    List<MetricWindow> out = new ArrayList<>();
    for (String s : List.of("gateway", "orders", "db")) {
      double[] b = new double[30];
      double[] i = new double[3];
      for (int k = 0; k < b.length; k++) {
        b[k] = 20 + r.nextGaussian();
      }
      for (int k = 0; k < i.length; k++) {
        i[k] = 20 + r.nextGaussian();
      }
      out.add(new MetricWindow(s, s + "-0", "CpuUsageRate", b, i));
    }
    return out;
  }

  @Test
  void slowOwnTimeOfACalleeIsBlamedBeforeItsCallerThatOnlyWaits() {
    List<OwnTime> own = new ArrayList<>(steadyOwnTimes());
    own.set(2, new OwnTime("db", "SELECT", ms(600, 3), ms(600, 40)));
    // the caller's own time is unchanged: its spans grew only by the time spent waiting on db
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, own, steadyCalls(), List.of(), steadyMetrics()));

    assertThat(r.causes()).isNotEmpty();
    assertThat(r.causes().get(0).service()).isEqualTo("db");
    assertThat(r.causes().get(0).strongest().kind()).isEqualTo(CauseKind.LATENCY);
    assertThat(r.causes().get(0).strongest().operation()).isEqualTo("SELECT");
    assertThat(r.causes()).extracting(RankedCause::service).doesNotContain("gateway", "orders");
  }

  @Test
  void callerThatReportsItsCalleesErrorsIsRankedBehindTheCallee() {
    List<LogRate> logs = List.of(
        new LogRate("orders", "call to db failed: <*>", 17, 0, 40),
        new LogRate("db", "deadlock detected on <*>", 17, 0, 40),
        new LogRate("gateway", "slow request <*>", 13, 3, 3));
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), steadyCalls(), logs, steadyMetrics()));

    assertThat(r.causes()).extracting(RankedCause::service).containsExactly("db", "orders");
    assertThat(r.causes().get(0).strongest().kind()).isEqualTo(CauseKind.LOGS);
    assertThat(r.causes().get(0).strongest().text()).contains("deadlock detected");
  }

  @Test
  void aNewErrorTemplateOutranksANewWarningTemplateOfTheSameRate() {
    // a business-rule warning in one service and an error in another, both new and equally frequent
    List<LogRate> logs = List.of(
        new LogRate("db", "order status not allowed to pay", 13, 0, 12),
        new LogRate("orders", "query failed: <*>", 17, 0, 12));
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), List.of(), logs, steadyMetrics()));

    assertThat(r.causes()).extracting(RankedCause::service).containsExactly("orders", "db");
    assertThat(r.causes().get(1).strongest().strength()).isEqualTo(r.causes().get(0).strongest().strength() * EvidenceFinder.WARNING_WEIGHT);
  }

  @Test
  void aCallerThatStoppedItsLaterCallsAfterItsCalleeFailedIsRankedBehindTheCallee() {
    // orders calls db, then payments; db now fails (new errors), so orders abandons most requests before paying
    List<CallGap> calls = new ArrayList<>(steadyCalls());
    calls.add(new CallGap("orders", "payments", ms(600, 1), ms(20, 1)));
    List<LogRate> logs = List.of(new LogRate("db", "lock wait timeout exceeded", 17, 0, 10));
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), calls, logs, steadyMetrics()));

    assertThat(r.causes()).extracting(RankedCause::service).containsExactly("db", "orders");
    assertThat(r.causes().get(1).strongest().kind()).isEqualTo(CauseKind.TRAFFIC);
    // alone, the dropped calls outweigh the callee's errors: only the call graph puts the callee first
    assertThat(r.causes().get(1).strongest().strength()).isGreaterThan(r.causes().get(0).strongest().strength());
  }

  @Test
  void aGaugeLeavingItsBaselineAloneNamesItsService() {
    List<MetricWindow> metrics = new ArrayList<>(steadyMetrics());
    MetricWindow orders = metrics.get(1);
    metrics.set(1, new MetricWindow("orders", "orders-0", "CpuUsageRate", orders.baseline(), new double[] {21, 85, 92}));
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), steadyCalls(), List.of(), metrics));

    assertThat(r.causes()).extracting(RankedCause::service).containsExactly("orders");
    CauseEvidence e = r.causes().get(0).strongest();
    assertThat(e.kind()).isEqualTo(CauseKind.RESOURCE);
    assertThat(e.instance()).isEqualTo("orders-0");
    assertThat(e.numbers().get("z")).isGreaterThan(10);
  }

  @Test
  void callsWaitingLongerIntoAServiceNameThatServiceNotItsCallers() {
    List<CallGap> calls = List.of(
        new CallGap("gateway", "orders", ms(600, 1), ms(600, 101)),
        new CallGap("gateway", "cart", ms(600, 1), ms(600, 1)),
        new CallGap("gateway", "users", ms(600, 1), ms(600, 1)),
        new CallGap("orders", "db", ms(600, 1), ms(600, 101)),
        new CallGap("payments", "db", ms(600, 1), ms(600, 1)),
        new CallGap("audit", "db", ms(600, 1), ms(600, 1)));
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), calls, List.of(), steadyMetrics()));

    assertThat(r.causes().get(0).service()).isEqualTo("orders");
  }

  @Test
  void abstainsWithTheReasonWhenNothingMoved() {
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), steadyCalls(),
        List.of(new LogRate("orders", "retrying <*>", 13, 30, 31)), steadyMetrics()));

    assertThat(r.causes()).isEmpty();
    assertThat(r.abstention()).startsWith("nothing moved").contains("3 own-time series", "2 call edges", "3 gauge series");
  }

  @Test
  void aGaugeThatAlreadySpikedInItsBaselineIsNotBlamedForSpikingAgain() {
    double[] baseline = new double[30];
    java.util.Arrays.fill(baseline, 0.005);
    for (int k : new int[] {3, 11, 19, 27}) {
      baseline[k] = 29; // a client timeout, four times in the baseline
    }
    List<MetricWindow> metrics = new ArrayList<>(steadyMetrics());
    metrics.add(new MetricWindow("orders", "orders-0", "PodClientLatencyP99", baseline, new double[] {29, 28.8, 29}));
    List<LogRate> logs = List.of(new LogRate("db", "deadlock detected on <*>", 17, 0, 40));
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), steadyCalls(), logs, metrics));

    assertThat(r.causes()).extracting(RankedCause::service).containsExactly("db");
  }

  @Test
  void aMetricThatMovesInManyServicesPointsAtNoneOfThemAsStronglyAsOneThatMovesAlone() {
    double[] flat = new double[30];
    java.util.Arrays.fill(flat, 0.1);
    List<MetricWindow> metrics = new ArrayList<>(steadyMetrics());
    metrics.add(new MetricWindow("gateway", "gateway-0", "PodClientLatencyP99", flat, new double[] {1.1, 1.1, 1.1}));
    metrics.add(new MetricWindow("orders", "orders-0", "PodClientLatencyP99", flat, new double[] {1.1, 1.1, 1.1}));
    MetricWindow db = metrics.get(2);
    metrics.set(2, new MetricWindow("db", "db-0", "CpuUsageRate", db.baseline(), new double[] {220, 221, 219}));
    RootCauseRanking r = new RootCauseRanker().rank(new RootCauseInput(BASE, INCIDENT, steadyOwnTimes(), steadyCalls(), List.of(), metrics));

    assertThat(r.causes().get(0).service()).isEqualTo("db");
    assertThat(r.causes()).extracting(RankedCause::service).contains("gateway", "orders");
    assertThat(r.causes().get(1).strongest().numbers().get("services_moved")).isEqualTo(2.0);
  }
}
