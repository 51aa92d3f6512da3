package io.casefile.analysis.suspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.Confidence;
import io.casefile.model.Onset;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeSuspectRankerTest {
  static final Instant ONSET = Instant.parse("2026-03-01T14:02:10Z");
  static final Onset O = new Onset(ONSET, ONSET.minusSeconds(20), ONSET.plusSeconds(10));

  static ChangeEvent change(String id, ChangeType type, long secondsBeforeOnset, String service, String source) {
    return new ChangeEvent(id, type, ONSET.minusSeconds(secondsBeforeOnset), service, id + " summary",
        "2.31.0", "2.30.4", "prod", null, Map.of(), null, null, source);
  }

  @Test
  void theDeployAtTheErrorOriginOutranksALouderUnrelatedDeployCloserInTime() {
    var causal = new SuspectFacts(change("payments-deploy", ChangeType.DEPLOY, 200, "payments", "api"),
        new ScopeMatch(0.97, 0.3, "97% of excess errors on payments 2.31.0 (30% of traffic)"), PathMatch.ORIGIN, List.of(), List.of("e5"));
    var loud = new SuspectFacts(change("search-deploy", ChangeType.DEPLOY, 15, "search", "api"),
        new ScopeMatch(0.0, 0.0, "no failing request passed search 2.31.0"), PathMatch.OFF_PATH, List.of(), List.of());
    var r = new ChangeSuspectRanker().rank(O, List.of(loud, causal));
    assertThat(r.suspects()).extracting(s -> s.change().id()).containsExactly("payments-deploy", "search-deploy");
    assertThat(r.suspects().get(0).confidence()).isEqualTo(Confidence.STRONG);
    assertThat(r.suspects().get(1).confidence()).isEqualTo(Confidence.WEAK);
    assertThat(r.unexplained()).isFalse();
    assertThat(r.suspects().get(0).reasons()).extracting(x -> x.kind()).contains("time", "scope", "path");
  }

  @Test
  void aChangeAfterOnsetIsImplausible() {
    var late = new SuspectFacts(change("late", ChangeType.CONFIG, -300, "payments", "api"),
        null, PathMatch.ORIGIN, List.of(), List.of());
    var r = new ChangeSuspectRanker().rank(O, List.of(late));
    assertThat(r.suspects().get(0).confidence()).isEqualTo(Confidence.WEAK);
    assertThat(r.suspects().get(0).score()).isLessThanOrEqualTo(0.1);
    assertThat(r.suspects().get(0).reasons().get(0).text()).contains("after onset");
    assertThat(r.unexplained()).isTrue();
  }

  @Test
  void abstainsWhenOnlyTimingPointsAtAChange() {
    var nearButUnrelated = new SuspectFacts(change("frontend", ChangeType.DEPLOY, 120, "frontend", "api"),
        new ScopeMatch(1, 1, "every request passes frontend 2.31.0"), PathMatch.ON_PATH, List.of(), List.of());
    var dependency = new SuspectFacts(new ChangeEvent("dep", ChangeType.DEPENDENCY, ONSET, "payments",
        "pix-gateway turned bad", null, null, null, null, Map.of("peer", "pix-gateway"), null, null, ChangeEvent.SOURCE_DERIVED),
        null, PathMatch.ORIGIN, List.of("error rate of calls to pix-gateway 0.1% -> 45%"), List.of());
    var r = new ChangeSuspectRanker().rank(O, List.of(nearButUnrelated, dependency));
    assertThat(r.suspects().get(0).change().id()).isEqualTo("dep");
    assertThat(r.unexplained()).isTrue();
  }

  @Test
  void aScopeThatHoldsLittleOfTheExcessClearsAChange() {
    var flag = new SuspectFacts(change("flag", ChangeType.FEATURE_FLAG, 60, null, "api"),
        new ScopeMatch(0.02, 0.5, "2% of excess errors with flag on (50% of traffic)"), PathMatch.UNKNOWN, List.of(), List.of());
    var r = new ChangeSuspectRanker().rank(O, List.of(flag));
    assertThat(r.suspects().get(0).confidence()).isEqualTo(Confidence.WEAK);
    assertThat(r.unexplained()).isTrue();
  }

  @Test
  void noChangesMeansUnexplained() {
    var r = new ChangeSuspectRanker().rank(O, List.of());
    assertThat(r.suspects()).isEmpty();
    assertThat(r.unexplained()).isTrue();
  }
}
