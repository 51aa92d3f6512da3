package io.casefile.investigation;

import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReader.AttributeStat;
import io.casefile.store.TelemetryReader.Dimension;
import io.casefile.store.TelemetryReader.ValueCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which attributes "for whom" breaks the requests down by, chosen by what the data says rather than
 * by the key's name. First by spread in the window: a constant attribute, one on too few requests,
 * or one with a distinct value on most requests (an id per request) cannot name a cohort. Then by
 * concentration of the excess: per attribute, how much more of the excess bad requests its most
 * affected value holds than its share of the traffic. A high-cardinality attribute (a tenant, a
 * customer, a query string) is kept with its most affected values only, the rest grouped as
 * "(other)", as Honeycomb's BubbleUp shows the top values of any field. Every attribute left out is
 * listed with the reason.
 */
final class CohortDimensions {
  /** An attribute on fewer requests than this share cannot describe a material cohort. */
  static final double MIN_COVERAGE = TelemetryReader.MIN_COVERAGE;
  /** Above this share of distinct values per request, an attribute identifies requests, not cohorts. */
  static final double MAX_DISTINCT_PER_REQUEST = 0.5;
  /** A high-cardinality attribute is kept when a value holds this much more of the excess than of the traffic. */
  static final double MIN_LIFT = 0.2;
  /** Prior weight, in requests, pulling a value's baseline rate toward the flow's. */
  private static final double PRIOR_REQUESTS = 20;

  /** The dimensions to localize over, and every attribute left out with the reason. */
  record Choice(List<Dimension> dimensions, Map<String, String> skipped) {}

  private final int maxDistinct;
  private final int maxDimensions;

  CohortDimensions(int maxDistinct, int maxDimensions) {
    this.maxDistinct = maxDistinct;
    this.maxDimensions = maxDimensions;
  }

  /** The attributes whose spread could name a cohort; the others go into {@code skipped}. */
  List<String> spread(List<AttributeStat> stats, Map<String, String> skipped) {
    List<String> out = new ArrayList<>();
    for (AttributeStat s : stats) {
      if (s.present() == 0) {
        continue; // never set on these requests: nothing to say about it
      }
      if (s.distinct() < 2) {
        skipped.put(s.attribute(), "one value on every request");
      } else if (s.coverage() < MIN_COVERAGE) {
        skipped.put(s.attribute(), "on " + Text.percent(s.coverage()) + " of requests");
      } else if (s.distinct() > maxDistinct && s.distinct() > MAX_DISTINCT_PER_REQUEST * s.present()) {
        skipped.put(s.attribute(), "a distinct value on most requests (~" + Text.count(s.distinct()) + " in "
            + Text.count(s.present()) + ")");
      } else {
        out.add(s.attribute());
      }
    }
    return out;
  }

  /** Ranks the candidates by how concentrated the excess is in their values and keeps the best. */
  Choice choose(List<String> candidates, Map<String, Long> distinct, List<ValueCount> counts,
      Map<String, String> skipped) {
    Map<String, List<ValueCount>> byAttribute = new TreeMap<>();
    counts.forEach(c -> byAttribute.computeIfAbsent(c.attribute(), k -> new ArrayList<>()).add(c));
    record Ranked(String attribute, double lift, List<String> keep) {}
    List<Ranked> ranked = new ArrayList<>();
    // the flow's totals: every request has one value (or none) of a fully counted attribute
    long n = 0;
    long n0 = 0;
    long bad0 = 0;
    for (List<ValueCount> values : byAttribute.values()) {
      long sn = values.stream().mapToLong(ValueCount::requests).sum();
      long sn0 = values.stream().mapToLong(ValueCount::baselineRequests).sum();
      if (sn + sn0 > n + n0) {
        n = sn;
        n0 = sn0;
        bad0 = values.stream().mapToLong(ValueCount::baselineBad).sum();
      }
    }
    double global = n0 == 0 ? 0 : (double) bad0 / n0;
    for (String a : candidates) {
      List<ValueCount> values = byAttribute.getOrDefault(a, List.of());
      boolean high = distinct.getOrDefault(a, 0L) > maxDistinct;
      Map<String, Double> excess = new LinkedHashMap<>();
      double total = 0;
      for (ValueCount v : values) {
        double p = (v.baselineBad() + PRIOR_REQUESTS * global) / (v.baselineRequests() + PRIOR_REQUESTS);
        double e = v.bad() - v.requests() * p;
        excess.put(v.value(), e);
        total += Math.max(0, e);
      }
      double lift = 0;
      for (ValueCount v : values) {
        double e = excess.get(v.value());
        if (total > 0 && e > 0 && n > 0) {
          lift = Math.max(lift, e / total - (double) v.requests() / n);
        }
      }
      List<String> keep = List.of();
      if (high) {
        if (lift < MIN_LIFT) {
          skipped.put(a, "~" + Text.count(distinct.getOrDefault(a, 0L)) + " values and none holds a concentrated share of "
              + "the excess (top " + values.size() + " examined)");
          continue;
        }
        keep = values.stream().filter(v -> excess.get(v.value()) > 0)
            .sorted(Comparator.comparingDouble((ValueCount v) -> -excess.get(v.value())).thenComparing(ValueCount::value))
            .limit(maxDistinct - 1L).map(ValueCount::value).sorted().toList();
      }
      ranked.add(new Ranked(a, lift, keep));
    }
    ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.lift()).thenComparing(Ranked::attribute));
    List<Dimension> dims = new ArrayList<>();
    for (Ranked r : ranked) {
      if (dims.size() < maxDimensions) {
        dims.add(new Dimension(r.attribute(), r.keep()));
      } else {
        skipped.put(r.attribute(), "less concentrated than the " + maxDimensions + " attributes examined");
      }
    }
    dims.sort(Comparator.comparing(Dimension::attribute));
    return new Choice(dims, skipped);
  }
}
