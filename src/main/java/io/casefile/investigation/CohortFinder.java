package io.casefile.investigation;

import io.casefile.store.TelemetryReader;
import io.casefile.store.Measured;
import io.casefile.analysis.localize.Leaf;
import io.casefile.analysis.localize.Localization;
import io.casefile.analysis.localize.LocalizationProblem;
import io.casefile.analysis.localize.Localizer;
import io.casefile.analysis.localize.RootCause;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.LeafCount;
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
  /** The note that lists the attributes left out of "for whom", and why. */
  public static final String NOT_CONSIDERED = "attributes not considered for whom: ";
  /** Values per dimension (a high-cardinality attribute keeps this many less one, the rest "(other)"). */
  private static final int MAX_DISTINCT = 30;
  private static final int MAX_DIMENSIONS = 12;
  /** Prior weight, in requests, pulling a leaf's baseline rate toward the flow's. */
  private static final double PRIOR_REQUESTS = 20;

  private final TelemetryReader store;
  private final Localizer localizer;
  private final int maxCohorts;

  CohortFinder(TelemetryReader store, Localizer localizer, int maxCohorts) {
    this.store = store;
    this.localizer = localizer;
    this.maxCohorts = maxCohorts;
  }

  List<Cohort> find(Flow flow, TimeRange baseline, TimeRange incident, Bad bad, EvidenceLog evidence, List<String> notes) {
    Measured<List<TelemetryReader.AttributeStat>> stats =
        store.attributeStats(flow, new TimeRange(baseline.from(), incident.to()));
    CohortDimensions choosing = new CohortDimensions(MAX_DISTINCT, MAX_DIMENSIONS);
    Map<String, String> skipped = new java.util.TreeMap<>();
    List<String> spread = choosing.spread(stats.value(), skipped);
    Map<String, Long> distinct = new java.util.HashMap<>();
    stats.value().forEach(st -> distinct.put(st.attribute(), st.distinct()));
    Measured<List<TelemetryReader.ValueCount>> values =
        store.valueCounts(flow, spread, baseline, incident, bad, MAX_DISTINCT);
    CohortDimensions.Choice choice = choosing.choose(spread, distinct, values.value(), skipped);
    if (!skipped.isEmpty()) {
      StringBuilder why = new StringBuilder();
      skipped.forEach((k, v) -> why.append(why.isEmpty() ? "" : "; ").append(k).append(" (").append(v).append(')'));
      String id = evidence.add("attributes not considered for whom: " + why, EvidenceLog.numbers("skipped", skipped.size(),
          "considered", choice.dimensions().size()), stats.query() + ";\n" + values.query());
      notes.add(NOT_CONSIDERED + why + " [" + id + "]");
    }
    if (choice.dimensions().isEmpty()) {
      notes.add("no attribute varies enough to break the requests down by: cohorts not localized");
      return List.of();
    }
    Measured<List<LeafCount>> measured = store.leafCounts(flow, choice.dimensions(), baseline, incident, bad);
    List<String> attributes = new ArrayList<>(choice.dimensions().stream().map(TelemetryReader.Dimension::attribute).toList());
    List<String> considered = List.copyOf(attributes);
    List<LeafCount> leaves = dropEquivalent(attributes, measured.value());
    long bn = 0;
    long bb = 0;
    long totalN = 0;
    long totalBad = 0;
    for (LeafCount l : leaves) {
      bn += l.baselineRequests();
      bb += l.baselineBad();
      totalN += l.requests();
      totalBad += l.bad();
    }
    double global = bn == 0 ? 0 : (double) bb / bn;
    List<Leaf> problemLeaves = new ArrayList<>();
    double totalExcess = 0;
    for (LeafCount l : leaves) {
      double p = (l.baselineBad() + PRIOR_REQUESTS * global) / (l.baselineRequests() + PRIOR_REQUESTS);
      double predicted = l.requests() * p;
      problemLeaves.add(new Leaf(l.values(), l.bad(), predicted));
      totalExcess += l.bad() - predicted;
    }
    Localization loc = localizer.localize(LocalizationProblem.additive(attributes, problemLeaves));
    List<Cohort> cohorts = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      List<String> dropped = new ArrayList<>();
      cohorts = keep(loc, attributes, leaves, problemLeaves, totalN, totalBad, totalExcess, bad, evidence, notes, dropped, measured.query());
      if (!cohorts.isEmpty() || dropped.isEmpty() || dropped.size() >= attributes.size()) {
        break;
      }
      // the localized combinations were not concentrated: look again without their attributes
      List<Integer> keepIdx = new ArrayList<>();
      for (int i = 0; i < attributes.size(); i++) {
        if (!dropped.contains(attributes.get(i))) {
          keepIdx.add(i);
        }
      }
      List<String> fewer = keepIdx.stream().map(attributes::get).toList();
      List<Leaf> projected = new ArrayList<>();
      for (Leaf l : problemLeaves) {
        projected.add(new Leaf(keepIdx.stream().map(i -> l.values().get(i)).toList(), l.real(), l.predicted()));
      }
      List<LeafCount> projectedCounts = new ArrayList<>();
      for (LeafCount l : leaves) {
        projectedCounts.add(new LeafCount(keepIdx.stream().map(i -> l.values().get(i)).toList(),
            l.baselineRequests(), l.baselineBad(), l.requests(), l.bad()));
      }
      attributes = new ArrayList<>(fewer);
      problemLeaves = projected;
      leaves = projectedCounts;
      loc = localizer.localize(LocalizationProblem.additive(attributes, problemLeaves));
    }
    if (cohorts.isEmpty()) {
      notes.add("no attribute combination concentrates the excess (over " + String.join(", ", considered)
          + "): it is spread across the flow's traffic");
    }
    return cohorts;
  }

  private List<Cohort> keep(Localization loc, List<String> attributes, List<LeafCount> leaves, List<Leaf> problemLeaves,
      long totalN, long totalBad, double totalExcess, Bad bad, EvidenceLog evidence, List<String> notes,
      List<String> dropped, String sql) {
    // the rate among requests in none of the localized combinations: what "unaffected" looks like
    long outN = 0;
    long outBad = 0;
    for (LeafCount l : leaves) {
      boolean inAny = loc.causes().stream().anyMatch(c -> matches(attributes, l.values(), c.attributes()));
      if (!inAny) {
        outN += l.requests();
        outBad += l.bad();
      }
    }
    List<Cohort> cohorts = new ArrayList<>();
    List<java.util.Map<String, String>> kept = new ArrayList<>();
    String what = bad.isLatency() ? "slow requests" : "errors";
    for (RootCause cause : loc.causes()) {
      if (cohorts.size() == maxCohorts) {
        break;
      }
      if (cause.attributes().containsValue(TelemetryReader.OTHER)) {
        continue; // "every other value" of a high-cardinality attribute names no cohort
      }
      long n = 0;
      long b = 0;
      long n0 = 0;
      long b0 = 0;
      double excess = 0;
      double residual = 0;
      for (int i = 0; i < leaves.size(); i++) {
        LeafCount l = leaves.get(i);
        if (matches(attributes, l.values(), cause.attributes())) {
          n += l.requests();
          b += l.bad();
          n0 += l.baselineRequests();
          b0 += l.baselineBad();
          double e = problemLeaves.get(i).real() - problemLeaves.get(i).predicted();
          excess += e;
          boolean explained = kept.stream().anyMatch(k -> matches(attributes, l.values(), k));
          residual += explained ? 0 : e;
        }
      }
      double share = totalExcess <= 0 ? 0 : Math.max(0, Math.min(1, excess / totalExcess));
      double rate = n == 0 ? 0 : (double) b / n;
      double baseRate = n0 == 0 ? 0 : (double) b0 / n0;
      double traffic = totalN == 0 ? 0 : (double) n / totalN;
      double outside = outN >= 0.05 * totalN && outN > 0 ? (double) outBad / outN
          : totalN - n == 0 ? 0 : (double) (totalBad - b) / (totalN - n);
      String label = describe(cause.attributes());
      if (totalExcess <= 0 || residual / totalExcess < 0.05 || traffic > 0.9 || rate < 2 * outside) {
        dropped.addAll(cause.attributes().keySet());
        notes.add("localized combination " + label + " dropped: " + (traffic > 0.9 ? "it is nearly all the traffic"
            : rate < 2 * outside ? "its " + what + " rate " + Text.percent(rate) + " is not clearly above the "
                + Text.percent(outside) + " elsewhere" : "an earlier cohort already explains its excess"));
        continue;
      }
      String id = evidence.add(label + " holds " + Text.percent(share) + " of the excess " + what + " ("
              + Text.count(excess) + " of " + Text.count(totalExcess) + "); " + what + " rate there "
              + Text.percent(rate) + " against " + Text.percent(baseRate) + " in the baseline and "
              + Text.percent(outside) + " elsewhere; " + Text.percent(traffic) + " of the traffic",
          EvidenceLog.numbers("requests", n, "bad", b, "rate", rate, "baseline_requests", n0, "baseline_bad", b0,
              "baseline_rate", baseRate, "rate_elsewhere", outside, "traffic_share", traffic, "excess", excess,
              "total_excess", totalExcess, "share_of_excess", share, "localizer_score", cause.score()),
          sql);
      kept.add(cause.attributes());
      cohorts.add(new Cohort(cause.attributes(), Text.round(share), n, b, Text.round(rate), Text.round(baseRate), id));
    }
    return cohorts;
  }

  /**
   * Attributes that map one to one onto another (a span's {@code region} and its resource's
   * {@code cloud.region}) say the same thing twice: keep one — the one with fewer dots, then the
   * shorter name — and sum the leaves over the others.
   */
  static List<LeafCount> dropEquivalent(List<String> attributes, List<LeafCount> leaves) {
    java.util.Set<Integer> drop = new java.util.TreeSet<>();
    for (int i = 0; i < attributes.size(); i++) {
      for (int j = i + 1; j < attributes.size(); j++) {
        if (drop.contains(i) || drop.contains(j) || !oneToOne(leaves, i, j)) {
          continue;
        }
        drop.add(preferred(attributes.get(i), attributes.get(j)) ? j : i);
      }
    }
    if (drop.isEmpty() || drop.size() == attributes.size()) {
      return leaves;
    }
    java.util.Map<List<String>, long[]> sums = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
    for (LeafCount l : leaves) {
      List<String> key = new ArrayList<>();
      for (int i = 0; i < l.values().size(); i++) {
        if (!drop.contains(i)) {
          key.add(l.values().get(i));
        }
      }
      long[] a = sums.computeIfAbsent(key, k -> new long[4]);
      a[0] += l.baselineRequests();
      a[1] += l.baselineBad();
      a[2] += l.requests();
      a[3] += l.bad();
    }
    List<String> keptNames = new ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      if (!drop.contains(i)) {
        keptNames.add(attributes.get(i));
      }
    }
    attributes.clear();
    attributes.addAll(keptNames);
    List<LeafCount> out = new ArrayList<>();
    sums.forEach((k, a) -> out.add(new LeafCount(k, a[0], a[1], a[2], a[3])));
    return out;
  }

  private static boolean oneToOne(List<LeafCount> leaves, int i, int j) {
    java.util.Map<String, String> ab = new java.util.HashMap<>();
    java.util.Map<String, String> ba = new java.util.HashMap<>();
    for (LeafCount l : leaves) {
      String a = l.values().get(i);
      String b = l.values().get(j);
      if (!b.equals(ab.computeIfAbsent(a, k -> b)) || !a.equals(ba.computeIfAbsent(b, k -> a))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code a} is the name to keep over {@code b}. */
  private static boolean preferred(String a, String b) {
    long da = a.chars().filter(c -> c == '.').count();
    long db = b.chars().filter(c -> c == '.').count();
    if (da != db) {
      return da < db;
    }
    if (a.length() != b.length()) {
      return a.length() < b.length();
    }
    return a.compareTo(b) <= 0;
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
