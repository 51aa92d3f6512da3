package io.casefile.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.demo.DecodedRequests.Req;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each scenario's data shows the injected effect where its ground truth says, and not elsewhere:
 * the affected cohort's error rate (or latency) rises after onset, unaffected cohorts and flows
 * stay at baseline, and the background is not empty.
 */
class ScenarioEffectTest {
  static final SimulationOptions SMALL = new SimulationOptions(11, Instant.parse("2026-03-02T11:30:00Z"),
      Duration.ofMinutes(10), Duration.ofMinutes(7), 5);
  private static final Map<Scenario, Generated> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  record Generated(GroundTruth truth, List<ChangeEvent> changes, List<Req> requests) {}

  /** Replays the scenario through the real OTLP receiver into a store and reads it back. */
  static Generated generate(Scenario scenario) throws IOException {
    Generated cached = CACHE.get(scenario);
    if (cached != null) {
      return cached;
    }
    try (var replay = new StoreReplay()) {
      GroundTruth truth = replay.replay(scenario, SMALL);
      var g = new Generated(truth, replay.changes(truth), replay.requests());
      CACHE.put(scenario, g);
      return g;
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void injectedEffectShowsWhereTheTruthSaysAndNowhereElse(Scenario scenario) throws IOException {
    Generated g = generate(scenario);
    GroundTruth t = g.truth();
    List<Req> all = g.requests();
    Instant onset = t.onset();
    Instant settled = onset.plusSeconds(60);
    Predicate<Req> before = r -> r.start().isBefore(onset);
    Predicate<Req> after = r -> !r.start().isBefore(settled);
    Predicate<Req> atOrigin = r -> r.service().equals(t.errorPath().service())
        && r.operation().equals(t.errorPath().operation());
    Predicate<Req> inCohort = r -> t.affectedCohort().isEmpty() || t.affectedCohort().stream()
        .anyMatch(c -> c.entrySet().stream().allMatch(e -> e.getValue().equals(r.attr(e.getKey()))));

    if (t.signal().equals("errors")) {
      assertThat(errorRate(all, atOrigin.and(inCohort).and(before))).as("cohort baseline error rate").isLessThan(0.03);
      assertThat(errorRate(all, atOrigin.and(inCohort).and(after))).as("cohort error rate after onset")
          .isGreaterThanOrEqualTo(0.30);
      if (!t.affectedCohort().isEmpty()) {
        assertThat(errorRate(all, atOrigin.and(inCohort.negate()).and(after)))
            .as("unaffected cohorts after onset").isLessThan(0.03);
      }
    } else {
      double cohortBefore = p99(all, atOrigin.and(inCohort).and(before));
      double cohortAfter = p99(all, atOrigin.and(inCohort).and(after));
      assertThat(cohortAfter).as("cohort p99 after onset vs before (%s us)", cohortBefore)
          .isGreaterThan(3 * cohortBefore);
      double othersBefore = p99(all, atOrigin.and(inCohort.negate()).and(before));
      double othersAfter = p99(all, atOrigin.and(inCohort.negate()).and(after));
      assertThat(othersAfter).as("unaffected cohorts' p99 (baseline %s us)", othersBefore)
          .isLessThan(1.5 * othersBefore);
    }

    Map<Flow, List<Req>> byFlow = all.stream().collect(Collectors.groupingBy(r -> new Flow(r.service(), r.operation())));
    byFlow.forEach((flow, reqs) -> {
      if (!t.affectedFlows().contains(flow) || !t.signal().equals("errors")) {
        assertThat(errorRate(reqs, after)).as("error rate of unaffected flow %s after onset", flow).isLessThan(0.03);
      }
    });
    List<Req> baselineErrors = all.stream().filter(before.and(Req::error)).toList();
    assertThat(baselineErrors).as("background errors").isNotEmpty();
    assertThat(baselineErrors.stream().map(Req::service).distinct().count()).as("services with background errors")
        .isGreaterThanOrEqualTo(2);
    assertThat(baselineErrors.stream().map(r -> r.attr("region")).distinct().count())
        .as("regions with background errors").isGreaterThanOrEqualTo(2);
    assertThat(errorRate(all, before)).as("background error rate").isBetween(0.0005, 0.01);
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void changesMatchTheTruthAndTheCausalOneLandsBeforeOnset(Scenario scenario) throws IOException {
    Generated g = generate(scenario);
    GroundTruth t = g.truth();
    assertThat(g.changes()).extracting(ChangeEvent::id).containsExactlyElementsOf(t.changeIds());
    if (scenario == Scenario.THIRD_PARTY_OUTAGE) {
      assertThat(g.changes()).isEmpty();
    }
    if (t.causalChangeId() == null) {
      assertThat(scenario).isIn(Scenario.THIRD_PARTY_OUTAGE, Scenario.RED_HERRING);
    } else {
      ChangeEvent causal = g.changes().stream().filter(c -> c.id().equals(t.causalChangeId())).findFirst().orElseThrow();
      assertThat(causal.timestamp()).isBefore(t.onset()).isAfter(t.onset().minus(Duration.ofMinutes(6)));
    }
    assertThat(t.timeRange().contains(t.onset())).isTrue();
    Instant first = g.requests().stream().map(Req::start).min(Instant::compareTo).orElseThrow();
    Instant last = g.requests().stream().map(Req::start).max(Instant::compareTo).orElseThrow();
    assertThat(first).isAfterOrEqualTo(t.dataStart()).isBefore(t.dataStart().plusSeconds(10));
    assertThat(last).isBefore(t.dataEnd().plusSeconds(30)).isAfter(t.dataEnd().minusSeconds(10));
  }

  private static double errorRate(List<Req> reqs, Predicate<Req> filter) {
    long n = 0;
    long e = 0;
    for (Req r : reqs) {
      if (filter.test(r)) {
        n++;
        e += r.error() ? 1 : 0;
      }
    }
    assertThat(n).as("requests matching").isGreaterThan(30);
    return e / (double) n;
  }

  private static double p99(List<Req> reqs, Predicate<Req> filter) {
    long[] d = reqs.stream().filter(filter).mapToLong(Req::durationUs).sorted().toArray();
    assertThat(d.length).as("requests matching").isGreaterThan(40);
    return d[(int) Math.ceil(0.99 * d.length) - 1];
  }
}
