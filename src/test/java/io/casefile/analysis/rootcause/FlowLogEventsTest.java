package io.casefile.analysis.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowLogEventsTest {
  private static final String FLOW = "gateway GET / > travel GET /trips";
  private static final int INFO = 9;
  private static final int WARN = 13;
  private static final int ERROR = 17;

  private static List<CauseEvidence> evidence(FlowLog... logs) {
    return new FlowLogEvents(input(logs)).evidence();
  }

  private static RootCauseInput input(FlowLog... logs) {
    return new RootCauseInput(60, 60, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(logs));
  }

  private static FlowLog log(String service, String template, int severity, long baseline, long baselineRan, long incident,
      long incidentRan) {
    return new FlowLog(FLOW, service, "query", template, severity, baseline, incident, baselineRan, incidentRan);
  }

  @Test
  void aSuccessLineTheOperationNoLongerLogsIsEvidenceAgainstItEvenWithNoErrorAnywhere() {
    // price's query still runs in every request but throws before its "price found" line
    List<CauseEvidence> e = evidence(log("price", "price found for route", INFO, 22, 22, 0, 43),
        log("travel", "trip listed", INFO, 22, 22, 43, 43));

    assertThat(e).extracting(CauseEvidence::service).containsExactly("price");
    assertThat(e.get(0).kind()).isEqualTo(CauseKind.LOGS);
    assertThat(e.get(0).operation()).isEqualTo("query");
    assertThat(e.get(0).text()).contains("0 of the 43 requests", "22 of 22", FLOW);
    assertThat(e.get(0).numbers().get("z")).isGreaterThan(EvidenceFinder.SIGNIFICANT);
  }

  @Test
  void aNewErrorInTheRequestsThatRanTheOperationIsEvidenceAndAWarningWeighsHalf() {
    CauseEvidence error = evidence(log("food", "get food failed", ERROR, 0, 20, 25, 40)).get(0);
    CauseEvidence warning = evidence(log("food", "get food failed", WARN, 0, 20, 25, 40)).get(0);

    assertThat(error.text()).startsWith("error");
    assertThat(warning.strength()).isEqualTo(error.strength() * EvidenceFinder.WARNING_WEIGHT);
  }

  @Test
  void aBusierFlowOrACallerThatStoppedCallingIsNotAChangeOfTheOperationsBehaviour() {
    // five times the requests, same share; and an operation no request ran since the onset
    assertThat(evidence(log("travel", "trip listed", INFO, 10, 10, 50, 50),
        log("route", "route found", INFO, 10, 10, 0, 0))).isEmpty();
  }

  @Test
  void aFewNewErrorsAgainstATinyBaselineAreNotCertainEnoughToCount() {
    // 6 of 11 against 0 of 2: a one-sample test against the baseline's share would call this certain
    assertThat(evidence(log("execute", "ticket execute error", ERROR, 0, 2, 6, 11))).isEmpty();
  }

  @Test
  void theScanStatisticCountsEveryMoveInAFaultsDirectionAndNoRecovery() {
    double fault = new FlowLogEvents(input(log("price", "price found for route", INFO, 22, 22, 0, 43))).change();
    double slight = new FlowLogEvents(input(log("execute", "ticket execute error", ERROR, 0, 2, 6, 11))).change();
    double recovery = new FlowLogEvents(input(log("preserve", "preserve failed", ERROR, 18, 18, 0, 30),
        log("preserve", "order created", INFO, 0, 18, 30, 30))).change();

    assertThat(fault).isGreaterThan(EvidenceFinder.SIGNIFICANT * EvidenceFinder.SIGNIFICANT);
    assertThat(slight).isPositive().isLessThan(EvidenceFinder.SIGNIFICANT * EvidenceFinder.SIGNIFICANT);
    assertThat(recovery).isZero();
  }

  @Test
  void errorsThatStoppedAndSuccessLinesThatAppearedAreARecoveryNotAFault() {
    assertThat(evidence(log("preserve", "preserve failed", ERROR, 18, 18, 0, 30),
        log("preserve", "order created", INFO, 0, 18, 30, 30))).isEmpty();
  }

  @Test
  void aServiceThatChangedWhatItLogsInItsRequestsRanksBeforeOnesWithOnlyAggregateEvidence() {
    // the gateway's gauge jumped far (a large score) but only price changed what its requests log
    List<MetricWindow> gauges = List.of(new MetricWindow("gateway", "gateway-0", "PodClientLatencyP99",
        new double[] {0.01, 0.012, 0.011, 0.009, 0.01, 0.011}, new double[] {20, 21}));
    RootCauseInput in = new RootCauseInput(60, 60, List.of(), List.of(), List.of(), gauges, List.of(),
        List.of(log("price", "price found for route", INFO, 12, 12, 20, 40)));

    RootCauseRanking r = new RootCauseRanker().rank(in);

    assertThat(r.causes()).extracting(RankedCause::service).containsExactly("price", "gateway");
  }

  @Test
  void aCallerWhoseStepIsNoLongerReachedBecauseItsCalleeFailsIsNotRankedBeforeTheCallee() {
    // checkout calls payments; payments now fails its authorisations and checkout stops placing orders
    WindowStats calls = new WindowStats(600, Math.log1p(1), 0.04);
    RootCauseInput in = new RootCauseInput(60, 60, List.of(), List.of(new CallGap("checkout", "payments", calls, calls)),
        List.of(), List.of(), List.of(),
        List.of(new FlowLog(FLOW, "checkout", "POST /checkout", "order placed", INFO, 20, 0, 20, 30),
            new FlowLog(FLOW, "payments", "authorize", "authorization failed", ERROR, 0, 25, 20, 30)));

    RootCauseRanking r = new RootCauseRanker().rank(in);

    assertThat(r.causes()).extracting(RankedCause::service).containsExactly("payments", "checkout");
  }
}
