package io.casefile.analysis.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SelfTimesPropertiesTest {

  /** A random tree in which every parent lasts at least as long as its children together. */
  private static List<TraceSpan> tree(long seed, int size, boolean errorsEverywhere) {
    Random r = new Random(seed);
    List<TraceSpan> spans = new ArrayList<>();
    List<long[]> budget = new ArrayList<>(); // remaining child budget per span
    spans.add(new TraceSpan("t", "s0", null, "svc0", "op", SpanKind.SERVER, true, 0, 1_000_000, null));
    budget.add(new long[] {1_000_000});
    for (int i = 1; i < size; i++) {
      int parent = r.nextInt(spans.size());
      long duration = budget.get(parent)[0] == 0 ? 0 : r.nextLong(budget.get(parent)[0] + 1);
      budget.get(parent)[0] -= duration;
      spans.add(new TraceSpan("t", "s" + i, "s" + parent, "svc" + r.nextInt(4), "op" + r.nextInt(3),
          SpanKind.ofCode(1 + r.nextInt(5)), errorsEverywhere || r.nextBoolean(), i, duration,
          "peer" + r.nextInt(2)));
      budget.add(new long[] {duration});
    }
    return spans;
  }

  @Property(tries = 200, seed = "42")
  void selfTimesOfNestedSpansAddUpToTheRootDuration(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
    List<TraceSpan> spans = tree(seed, size, false);

    List<SelfTimes.SelfTime> self = SelfTimes.ofSubtree(spans, spans.get(0));

    assertThat(self).hasSize(size);
    assertThat(self).allSatisfy(s -> assertThat(s.selfMicros()).isBetween(0L, s.span().durationMicros()));
    assertThat(self.stream().mapToLong(SelfTimes.SelfTime::selfMicros).sum()).isEqualTo(1_000_000L);
  }

  @Property(tries = 200, seed = "42")
  void theOriginIsAnErroringSpanAtLeastAsDeepAsEveryOtherReachableError(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
    List<TraceSpan> spans = tree(seed, size, false);

    ErrorPath p = ErrorPaths.follow(spans, spans.get(0)).orElseThrow();

    assertThat(p.origin().error()).isTrue();
    assertThat(p.services()).contains(p.origin().service(), spans.get(0).service());
    assertThat(depth(spans, p.origin())).isEqualTo(p.depth());
  }

  @Property(tries = 100, seed = "42")
  void whenEverySpanFailsTheOriginIsAtTheBottomOfTheTree(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
    List<TraceSpan> spans = tree(seed, size, true);

    ErrorPath p = ErrorPaths.follow(spans, spans.get(0)).orElseThrow();

    int deepest = spans.stream().mapToInt(s -> depth(spans, s)).max().orElseThrow();
    assertThat(p.depth()).isEqualTo(deepest);
  }

  private static int depth(List<TraceSpan> spans, TraceSpan s) {
    int d = 0;
    while (s.parentSpanId() != null) {
      String parent = s.parentSpanId();
      s = spans.stream().filter(x -> x.spanId().equals(parent)).findFirst().orElseThrow();
      d++;
    }
    return d;
  }
}
