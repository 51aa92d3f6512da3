package io.casefile.analysis.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.ChangeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyHealthAnalyserTest {
  private static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");

  private static PeerStats peer(String name, long calls, long errors, double p99) {
    return new PeerStats(name, calls, errors, p99 / 2, p99, Set.of("payments"));
  }

  @Test
  void aPeerWhoseErrorsAndLatencyRoseTurnsBadAndBecomesADerivedChange() {
    var baseline = Map.of("pix-gateway", peer("pix-gateway", 5_000, 5, 120_000),
        "postgres", peer("postgres", 9_000, 0, 8_000));
    var incident = Map.of("pix-gateway", peer("pix-gateway", 1_000, 400, 5_000_000),
        "postgres", peer("postgres", 2_000, 0, 8_500));

    List<DependencyTurn> turns = new DependencyHealthAnalyser().analyse(baseline, incident);

    assertThat(turns).extracting(DependencyTurn::peer).containsExactly("pix-gateway");
    DependencyTurn t = turns.get(0);
    assertThat(t.errorsWorse()).isTrue();
    assertThat(t.latencyWorse()).isTrue();
    var change = t.asChange(T0);
    assertThat(change.type()).isEqualTo(ChangeType.DEPENDENCY);
    assertThat(change.derived()).isTrue();
    assertThat(change.service()).isEqualTo("pix-gateway");
    assertThat(change.summary()).isEqualTo(
        "pix-gateway turned bad: errors 0.1% -> 40.0%, p99 120 ms -> 5.0 s (callers payments)");
  }

  @Test
  void healthyPeersReportNothing() {
    var baseline = Map.of("postgres", peer("postgres", 9_000, 9, 8_000));
    var incident = Map.of("postgres", peer("postgres", 2_000, 3, 9_000));

    assertThat(new DependencyHealthAnalyser().analyse(baseline, incident)).isEmpty();
  }

  @Test
  void theTurnStartsAtTheFirstBucketPastHalfway() {
    DependencyTurn t = new DependencyTurn("gw", peer("gw", 1000, 1, 100_000),
        peer("gw", 1000, 400, 100_000), true, false, 20);
    List<PeerBucket> buckets = List.of(
        new PeerBucket(T0, 100, 1, 0),
        new PeerBucket(T0.plusSeconds(10), 100, 10, 0),
        new PeerBucket(T0.plusSeconds(20), 100, 60, 0),
        new PeerBucket(T0.plusSeconds(30), 100, 70, 0));

    assertThat(DependencyHealthAnalyser.since(t, buckets)).contains(T0.plusSeconds(20));
  }
}
