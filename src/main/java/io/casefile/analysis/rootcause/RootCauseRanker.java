package io.casefile.analysis.rootcause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ranks services by the evidence against them. Per service and kind the strongest evidence counts;
 * a service's score is the sum over kinds (each capped, so one kind cannot drown the others), so a
 * fault seen in several signals outranks one seen in a single signal. Following the call graph
 * (MicroRank's and Nezha's "deepest anomaly" idea), a service's latency, log and resource evidence
 * is halved when a service it calls shows the same kind of evidence at least half as strong: the
 * caller is then most likely waiting on, or reporting, its callee's fault. Calls a service stopped
 * making are halved the same way when a callee shows failures at least half as strong (errors,
 * requests cut short after it: {@link CutShortCalls}, or new error logs): the request failed in the
 * callee and the caller abandoned it before its later calls. Where spans or logs were read, a
 * service whose only evidence is gauges keeps {@link #UNCORROBORATED} of it: its own spans and logs,
 * which were looked at, show nothing, and gauges move for reasons of their own (scrapes, timeouts
 * elsewhere, load). A service whose own requests changed what they log ({@link FlowLogEvents}: a new
 * failure, or a step it no longer reaches, in the requests that ran its operation), unexplained by a
 * callee's log evidence, ranks before every service without such evidence: that is the service's
 * behaviour seen directly, where rates, gauges and dropped calls also move in the services around a
 * fault. Ties break by name.
 */
public final class RootCauseRanker {
  /** No single kind adds more than this to a score (effect sizes are on a log scale). */
  static final double KIND_CAP = 4;
  /** The share a caller keeps of evidence that its callee explains. */
  static final double EXPLAINED_BY_CALLEE = 0.5;
  static final int MAX_CAUSES = 10;
  /** The share of its gauge evidence a service keeps when its own spans and logs show nothing. */
  static final double UNCORROBORATED = 0.5;

  public RootCauseRanking rank(RootCauseInput in) {
    EvidenceFinder finder = new EvidenceFinder(in);
    List<CauseEvidence> all = new ArrayList<>();
    List<CauseEvidence> inRequests = new FlowLogEvents(in).evidence();
    all.addAll(inRequests);
    all.addAll(finder.ownTime());
    all.addAll(finder.callGaps());
    all.addAll(finder.droppedCalls());
    all.addAll(new CutShortCalls(in).evidence());
    all.addAll(finder.logs());
    all.addAll(finder.templateMix());
    all.addAll(finder.metrics());
    if (all.isEmpty()) {
      return new RootCauseRanking(List.of(), String.format(
          "nothing moved: %d own-time series, %d call edges, %d warning or error log templates and %d gauge series compared with the baseline",
          in.ownTimes().size(), in.calls().size(), in.logs().size(), in.metrics().size()), 0);
    }
    Map<String, Set<String>> callees = new HashMap<>();
    for (CallGap c : in.calls()) {
      callees.computeIfAbsent(c.caller(), k -> new HashSet<>()).add(c.callee());
    }
    Map<String, Map<CauseKind, Double>> best = new TreeMap<>();
    Map<String, List<CauseEvidence>> byService = new TreeMap<>();
    for (CauseEvidence e : all) {
      best.computeIfAbsent(e.service(), k -> new EnumMap<>(CauseKind.class)).merge(e.kind(), e.strength(), Math::max);
      byService.computeIfAbsent(e.service(), k -> new ArrayList<>()).add(e);
    }
    boolean observed = !in.ownTimes().isEmpty() || !in.logs().isEmpty() || !in.flowLogs().isEmpty();
    List<Scored> scored = new ArrayList<>();
    for (var entry : best.entrySet()) {
      String service = entry.getKey();
      double score = 0;
      boolean corroborated = entry.getValue().keySet().stream().anyMatch(k -> k != CauseKind.RESOURCE);
      for (var k : entry.getValue().entrySet()) {
        double s = Math.min(KIND_CAP, k.getValue());
        if (k.getKey() == CauseKind.RESOURCE && !corroborated && observed) {
          s *= UNCORROBORATED;
        }
        if (explainedByCallee(service, explaining(k.getKey()), k.getValue(), callees, best)) {
          s *= EXPLAINED_BY_CALLEE;
        }
        score += s;
      }
      scored.add(new Scored(service, score, seenInRequests(service, inRequests, callees, best)));
    }
    scored.sort(Comparator.comparing(Scored::direct).reversed().thenComparing(Comparator.comparingDouble(Scored::score).reversed())
        .thenComparing(Scored::service));
    double top = scored.stream().mapToDouble(Scored::score).max().orElse(0);
    List<RankedCause> out = new ArrayList<>();
    for (Scored s : scored.subList(0, Math.min(MAX_CAUSES, scored.size()))) {
      List<CauseEvidence> ev = new ArrayList<>(byService.get(s.service()));
      ev.sort(Comparator.comparingDouble(CauseEvidence::strength).reversed());
      out.add(new RankedCause(s.service(), top == 0 ? 0 : Math.round(s.score() / top * 1000) / 1000.0, ev));
    }
    return new RootCauseRanking(out, null, top);
  }

  /**
   * The kinds of a callee's evidence that explain a caller's evidence of this kind: the same kind,
   * except for calls a caller stopped making, which a callee's failures explain (errors or new error
   * logs: the request failed there and was abandoned before its later calls) and a callee's own drop
   * does not.
   */
  private static Set<CauseKind> explaining(CauseKind kind) {
    return kind == CauseKind.TRAFFIC ? EnumSet.of(CauseKind.ERRORS, CauseKind.LOGS) : EnumSet.of(kind);
  }

  private static boolean explainedByCallee(String service, Set<CauseKind> kinds, double strength,
      Map<String, Set<String>> callees, Map<String, Map<CauseKind, Double>> best) {
    for (String callee : callees.getOrDefault(service, Set.of())) {
      for (CauseKind kind : kinds) {
        Double s = best.getOrDefault(callee, Map.of()).get(kind);
        if (s != null && s >= strength * EXPLAINED_BY_CALLEE) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the service's own requests changed what they log, unexplained by a callee: no service it
   * calls shows log evidence at least half as strong as the service's own strongest (a caller's step
   * no longer reached, because the callee failed, is the callee's fault seen from above).
   */
  private static boolean seenInRequests(String service, List<CauseEvidence> inRequests, Map<String, Set<String>> callees,
      Map<String, Map<CauseKind, Double>> best) {
    return inRequests.stream().anyMatch(e -> e.service().equals(service))
        && !explainedByCallee(service, EnumSet.of(CauseKind.LOGS), best.get(service).get(CauseKind.LOGS), callees, best);
  }

  private record Scored(String service, double score, boolean direct) {}
}
