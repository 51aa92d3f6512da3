package io.casefile.investigation;

import io.casefile.analysis.localize.Leaf;
import io.casefile.analysis.localize.Localization;
import io.casefile.analysis.localize.LocalizationProblem;
import io.casefile.analysis.localize.Localizer;
import io.casefile.analysis.localize.RootCause;
import io.casefile.investigation.InvestigationStore.Bad;
import io.casefile.investigation.InvestigationStore.LeafCount;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "For whom": per-leaf counts over the flow's low-cardinality attributes, localized on excess bad
 * events (real = bad events in the incident window, predicted = the leaf's incident requests ×
 * its baseline bad rate, smoothed toward the flow's baseline rate), turned into cohorts with their
 * measured rates.
 */
final class CohortFinder {
  /** Prior weight, in requests, pulling a leaf's baseline rate toward the flow's. */
  private static final double PRIOR_REQUESTS = 20;

  private final InvestigationStore store;
  private final Localizer localizer;
  private final int maxCohorts;

  CohortFinder(InvestigationStore store, Localizer localizer, int maxCohorts) {
    this.store = store;
    this.localizer = localizer;
    this.maxCohorts = maxCohorts;
  }

  List<Cohort> find(Flow flow, TimeRange baseline, TimeRange incident, Bad bad, EvidenceLog evidence, List<String> notes) {
    Measured<List<String>> attrs = store.candidateAttributes(flow, new TimeRange(baseline.from(), incident.to()), 30, 8);
    if (attrs.value().isEmpty()) {
      notes.add("no low-cardinality attributes to break the requests down by: cohorts not localized");
      return List.of();
    }
    Measured<List<LeafCount>> leaves = store.leafCounts(flow, attrs.value(), baseline, incident, bad);
    long bn = 0;
    long bb = 0;
    for (LeafCount l : leaves.value()) {
      bn += l.baselineRequests();
      bb += l.baselineBad();
    }
    double global = bn == 0 ? 0 : (double) bb / bn;
    List<Leaf> problemLeaves = new ArrayList<>();
    double totalExcess = 0;
    for (LeafCount l : leaves.value()) {
      double p = (l.baselineBad() + PRIOR_REQUESTS * global) / (l.baselineRequests() + PRIOR_REQUESTS);
      double predicted = l.requests() * p;
      problemLeaves.add(new Leaf(l.values(), l.bad(), predicted));
      totalExcess += l.bad() - predicted;
    }
    Localization loc = localizer.localize(LocalizationProblem.additive(attrs.value(), problemLeaves));
    List<Cohort> cohorts = new ArrayList<>();
    for (RootCause cause : loc.causes()) {
      if (cohorts.size() == maxCohorts) {
        break;
      }
      long n = 0;
      long b = 0;
      long n0 = 0;
      long b0 = 0;
      double excess = 0;
      for (int i = 0; i < leaves.value().size(); i++) {
        LeafCount l = leaves.value().get(i);
        if (matches(attrs.value(), l.values(), cause.attributes())) {
          n += l.requests();
          b += l.bad();
          n0 += l.baselineRequests();
          b0 += l.baselineBad();
          excess += problemLeaves.get(i).real() - problemLeaves.get(i).predicted();
        }
      }
      double share = totalExcess <= 0 ? 0 : Math.max(0, Math.min(1, excess / totalExcess));
      double rate = n == 0 ? 0 : (double) b / n;
      double baseRate = n0 == 0 ? 0 : (double) b0 / n0;
      String what = bad.isLatency() ? "slow requests" : "errors";
      String label = describe(cause.attributes());
      String id = evidence.add(label + " holds " + Text.percent(share) + " of the excess " + what + " ("
              + Text.count(excess) + " of " + Text.count(totalExcess) + "); " + what + " rate there "
              + Text.percent(rate) + " against " + Text.percent(baseRate) + " in the baseline",
          EvidenceLog.numbers("requests", n, "bad", b, "rate", rate, "baseline_requests", n0, "baseline_bad", b0,
              "baseline_rate", baseRate, "excess", excess, "total_excess", totalExcess, "share_of_excess", share,
              "localizer_score", cause.score()),
          leaves.sql());
      cohorts.add(new Cohort(cause.attributes(), Text.round(share), n, b, Text.round(rate), Text.round(baseRate), id));
    }
    if (cohorts.isEmpty()) {
      notes.add("no attribute combination concentrates the excess (over " + String.join(", ", attrs.value())
          + "): it is spread across the flow's traffic");
    }
    return cohorts;
  }

  static boolean matches(List<String> attributes, List<String> values, Map<String, String> cohort) {
    for (var e : cohort.entrySet()) {
      int i = attributes.indexOf(e.getKey());
      if (i < 0 || !values.get(i).equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  static String describe(Map<String, String> attributes) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(attributes).forEach((k, v) -> b.append(b.isEmpty() ? "" : " ∧ ").append(k).append('=').append(v));
    return b.toString();
  }
}
