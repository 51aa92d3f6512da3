package io.casefile.analysis.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyAttributionAnalyserTest {

  /** checkout -> payments (server) -> pix-gateway (client) and -> postgres (client). */
  private static List<SelfTimes.SelfTime> request(int i, long gatewayMicros, long dbMicros) {
    Spans t = new Spans("t" + i);
    long payments = 2_000 + gatewayMicros + dbMicros;
    TraceSpan root = t.server(null, "checkout", "POST /checkout", false, 1_000 + payments + 1_000);
    TraceSpan call = t.client(root, "checkout", "POST /pay", "payments", false, payments + 1_000);
    TraceSpan pay = t.server(call, "payments", "POST /pix/authorize", false, payments);
    t.client(pay, "payments", "POST", "pix-gateway", false, gatewayMicros);
    t.client(pay, "payments", "INSERT", "postgres", false, dbMicros);
    return SelfTimes.ofSubtree(t.all(), root);
  }

  private static TailProfile profile(long gatewayMicros, long dbMicros) {
    List<List<SelfTimes.SelfTime>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(request(i, gatewayMicros + 100L * (i % 3), dbMicros + 50L * (i % 2)));
    }
    return TailProfile.of(20, 0, requests);
  }

  @Test
  void attributesLatencyGrowthToTheSpanWhoseSelfTimeGrew() {
    TailProfile baseline = profile(120_000, 5_000);
    TailProfile incident = profile(5_000_000, 5_000);

    List<LatencyGrowth> growth = new LatencyAttributionAnalyser().analyse(incident, baseline);

    assertThat(growth).hasSize(1);
    LatencyGrowth top = growth.get(0);
    assertThat(top.component()).isEqualTo(new Component("payments", "POST", "pix-gateway"));
    assertThat(top.growthMicros()).isEqualTo(4_880_000.0);
    assertThat(top.shareOfGrowth()).isEqualTo(1.0);
    assertThat(top.incident().p50Micros()).isGreaterThan(top.baseline().p99Micros());
  }

  @Test
  void reportsNothingWhenSlowRequestsDidNotGetSlower() {
    assertThat(new LatencyAttributionAnalyser().analyse(profile(120_000, 5_000), profile(120_000, 5_000)))
        .isEmpty();
  }

  @Test
  void reportsNothingWithoutRequestsInAWindow() {
    assertThat(new LatencyAttributionAnalyser().analyse(profile(5_000_000, 5_000), TailProfile.empty()))
        .isEmpty();
  }

  @Test
  void selfTimeIsDurationMinusDirectChildrenFlooredAtZero() {
    Spans t = new Spans("t");
    TraceSpan root = t.server(null, "api", "GET /x", false, 100);
    t.internal(root, "api", "a", false, 70);
    t.internal(root, "api", "b", false, 50); // children overlap: 120 > 100

    List<SelfTimes.SelfTime> self = SelfTimes.ofSubtree(t.all(), root);

    assertThat(self).extracting(SelfTimes.SelfTime::selfMicros).containsExactly(0L, 70L, 50L);
  }
}
