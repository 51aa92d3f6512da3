package io.casefile.analysis.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.Flow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcessErrorFlowRankerTest {
  static FlowCounts f(String flow, long bn, long be, long n, long e) {
    return new FlowCounts(Flow.parse(flow), bn, be, n, e);
  }

  @Test
  void ranksTheFlowWithTheMostExcessErrorsFirstNotTheMostErrors() {
    List<RankedFlow> r = new ExcessErrorFlowRanker().rank(List.of(
        f("search:GET /search", 100_000, 5_000, 100_000, 5_100),  // always noisy: +100 at 5%
        f("checkout:POST /checkout", 10_000, 40, 10_000, 1_800),
        f("cart:GET /cart", 20_000, 20, 20_000, 22)));
    assertThat(r).extracting(x -> x.counts().flow().toString())
        .containsExactly("checkout:POST /checkout");
    assertThat(r.get(0).excessErrors()).isCloseTo(1760, org.assertj.core.data.Offset.offset(5.0));
    assertThat(r.get(0).shareOfExcess()).isGreaterThan(0.9);
  }

  @Test
  void reportsNoFlowWhenNothingChanged() {
    assertThat(new ExcessErrorFlowRanker().rank(List.of(
        f("a:x", 10_000, 50, 10_000, 55), f("b:y", 5_000, 0, 5_000, 1)))).isEmpty();
  }

  @Test
  void aFlowWithoutBaselineIsJudgedAgainstTheOverallRate() {
    List<RankedFlow> r = new ExcessErrorFlowRanker().rank(List.of(
        f("a:x", 10_000, 10, 10_000, 10), f("new:z", 0, 0, 200, 100)));
    assertThat(r).singleElement().satisfies(x -> assertThat(x.counts().flow().service()).isEqualTo("new"));
  }
}
