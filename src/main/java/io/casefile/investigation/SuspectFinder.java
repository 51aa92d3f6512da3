package io.casefile.investigation;

import io.casefile.model.Onset;
import io.casefile.store.TelemetryReader;
import io.casefile.store.Measured;
import io.casefile.analysis.suspects.ChangeSuspectRanker;
import io.casefile.analysis.suspects.PathMatch;
import io.casefile.analysis.suspects.ScopeMatch;
import io.casefile.analysis.suspects.SuspectFacts;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.ScopeCounts;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers the candidate changes (recorded and derived) in the lookback window, measures each one's
 * scope and path match, and ranks them.
 */
final class SuspectFinder {

  /** Where the trace evidence says the fault is: the origin's service and peer, and the path's services. */
  record Path(String originService, String originPeer, Set<String> pathServices, boolean known) {
    static final Path UNKNOWN = new Path(null, null, Set.of(), false);
  }

  private final TelemetryReader store;
  private final ChangeSuspectRanker ranker;
  private final Duration lookback;

  SuspectFinder(TelemetryReader store, ChangeSuspectRanker ranker, Duration lookback) {
    this.store = store;
    this.ranker = ranker;
    this.lookback = lookback;
  }

  ChangeSuspectRanker.Ranking rank(Flow flow, Onset onset, TimeRange question, TimeRange incident, Bad bad,
      double baselineRate, List<ChangeEvent> derived, Map<String, ScopeMatch> derivedScopes, Path path,
      EvidenceLog evidence) {
    Measured<List<ChangeEvent>> recorded = store.changes(onset.at().minus(lookback), question.to());
    List<ChangeEvent> candidates = dedupe(recorded.value(), derived);
    String changesEvidence = evidence.add(candidates.size() + " changes between " + onset.at().minus(lookback)
            + " and " + question.to() + " (" + recorded.value().size() + " recorded, " + derived.size()
            + " derived from telemetry)",
        EvidenceLog.numbers("recorded", recorded.value().size(), "derived", derived.size()), recorded.query());
    java.util.Set<String> services = store.services(new TimeRange(onset.at().minus(lookback), question.to())).value();
    List<SuspectFacts> facts = new ArrayList<>();
    for (ChangeEvent c : candidates) {
      if (c.derived() && c.type() == ChangeType.DEPENDENCY && services.contains(c.targets().get("peer"))) {
        continue; // one of our own services slowing or failing is a consequence, not a change
      }
      List<String> ids = new ArrayList<>(List.of(changesEvidence));
      ScopeMatch scope = derivedScopes.containsKey(c.id()) ? derivedScopes.get(c.id())
          : measureScope(flow, incident, bad, baselineRate, c, evidence, ids);
      List<String> notes = c.derived() && !c.summary().isBlank() ? List.of("derived from telemetry: " + c.summary()) : List.of();
      PathMatch pm = c.service() != null && !services.contains(c.service()) && c.type() != ChangeType.DEPENDENCY
          ? PathMatch.UNKNOWN : pathMatch(c, path);
      facts.add(new SuspectFacts(c, scope, pm, notes, ids));
    }
    return ranker.rank(onset, facts);
  }

  /** Recorded changes win over a derived deploy of the same service and version. */
  static List<ChangeEvent> dedupe(List<ChangeEvent> recorded, List<ChangeEvent> derived) {
    List<ChangeEvent> out = new ArrayList<>();
    List<ChangeEvent> all = new ArrayList<>(recorded);
    all.addAll(derived);
    for (ChangeEvent c : all) {
      boolean shadowed = c.derived() && all.stream().anyMatch(o -> !o.derived()
          && (o.type() == ChangeType.DEPLOY || o.type() == ChangeType.ROLLBACK)
          && o.service() != null && o.service().equals(c.service())
          && o.version() != null && o.version().equals(c.version()));
      boolean duplicate = out.stream().anyMatch(o -> o.id().equals(c.id()));
      if (!shadowed && !duplicate) {
        out.add(c);
      }
    }
    return out;
  }

  static PathMatch pathMatch(ChangeEvent c, Path path) {
    if (!path.known()) {
      return PathMatch.UNKNOWN;
    }
    String peer = c.targets().get("peer");
    if (c.type() == ChangeType.DEPENDENCY && peer != null) {
      return peer.equals(path.originPeer()) ? PathMatch.ORIGIN : PathMatch.OFF_PATH;
    }
    if (c.service() == null) {
      return PathMatch.UNKNOWN;
    }
    if (c.service().equals(path.originService())) {
      return PathMatch.ORIGIN;
    }
    return path.pathServices().contains(c.service()) ? PathMatch.ON_PATH : PathMatch.OFF_PATH;
  }

  /** The change's scope as attribute predicates on the spans of a trace; null when it has none. */
  private ScopeMatch measureScope(Flow flow, TimeRange incident, Bad bad, double baselineRate, ChangeEvent c,
      EvidenceLog evidence, List<String> ids) {
    Map<String, String> attrs = new LinkedHashMap<>();
    String service = null;
    String label;
    switch (c.type()) {
      case DEPLOY, ROLLBACK -> {
        if (c.service() == null || c.version() == null) {
          return null;
        }
        service = c.service();
        attrs.put("service.version", c.version());
        label = c.service() + " " + c.version();
      }
      case FEATURE_FLAG -> {
        if (c.flagKey() == null) {
          return null;
        }
        attrs.put("feature_flag.key", c.flagKey());
        c.targets().forEach((k, v) -> {
          if (k.equals("variant")) {
            attrs.put("feature_flag.result.variant", v);
          }
        });
        label = "flag " + c.flagKey() + (attrs.containsKey("feature_flag.result.variant")
            ? " = " + attrs.get("feature_flag.result.variant") : " evaluated");
      }
      default -> {
        c.targets().forEach((k, v) -> {
          if (!k.equals("peer") && !k.equals("callers") && !k.equals("service") && !k.equals("services")) {
            attrs.put(k, v);
          }
        });
        if (attrs.isEmpty()) {
          return null;
        }
        label = CohortFinder.describe(attrs);
      }
    }
    Measured<ScopeCounts> m = store.scopeCounts(flow, incident, bad, service, attrs);
    ScopeCounts s = m.value();
    if (s == null || s.requests() == 0) {
      return null;
    }
    double excessAll = s.bad() - s.requests() * baselineRate;
    double excessIn = s.badInScope() - s.inScope() * baselineRate;
    double share = excessAll <= 0 ? 0 : Math.max(0, Math.min(1, excessIn / excessAll));
    double coverage = (double) s.inScope() / s.requests();
    String what = bad.isLatency() ? "slow requests" : "errors";
    String text = Text.percent(share) + " of excess " + what + " in requests through " + label + " ("
        + Text.percent(coverage) + " of traffic)";
    ids.add(evidence.add(text, EvidenceLog.numbers("requests", s.requests(), "bad", s.bad(), "in_scope", s.inScope(),
        "bad_in_scope", s.badInScope(), "baseline_rate", baselineRate, "share_of_excess", share, "coverage", coverage),
        m.query()));
    return new ScopeMatch(Text.round(share), Text.round(coverage), text);
  }
}
