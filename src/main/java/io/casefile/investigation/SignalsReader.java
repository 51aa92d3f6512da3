package io.casefile.investigation;

import io.casefile.model.Onset;
import io.casefile.store.Measured;
import io.casefile.model.SignalSpec;
import io.casefile.store.TelemetryReader;
import io.casefile.analysis.logs.TemplateShift;
import io.casefile.analysis.logs.TemplateShiftAnalyser;
import io.casefile.analysis.logs.TemplateWindowCount;
import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.onset.ChangePoint;
import io.casefile.analysis.onset.OnsetDetectors;
import io.casefile.analysis.signature.SignatureAnalyser;
import io.casefile.analysis.signature.SignatureCount;
import io.casefile.analysis.signature.SignatureShift;
import io.casefile.analysis.suspects.ScopeMatch;
import io.casefile.analysis.traces.ErrorOrigin;
import io.casefile.analysis.traces.LatencyGrowth;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.signals.DependencyResult;
import io.casefile.signals.DependencySignal;
import io.casefile.signals.ErrorOriginResult;
import io.casefile.signals.ErrorOriginSignal;
import io.casefile.signals.Finding;
import io.casefile.signals.LatencyResult;
import io.casefile.signals.LatencySignal;
import io.casefile.signals.MetricResult;
import io.casefile.signals.MetricSignal;
import io.casefile.model.SignalRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the supporting signals (error signature, log templates, trace error origin, latency
 * attribution, dependency health, metrics, traffic shifts) and records them as evidence.
 */
final class SignalsReader {
  /** The trace signals found, the changes they derive, and the error path they describe. */
  record Found(List<Signal> signals, List<ChangeEvent> derivedChanges, SuspectFinder.Path path) {}

  private final TelemetryReader store;
  private final EvidenceLog ev;
  private final List<String> notes;

  SignalsReader(TelemetryReader store, EvidenceLog ev, List<String> notes) {
    this.store = store;
    this.ev = ev;
    this.notes = notes;
  }

  List<SignatureEntry> signature(Flow flow, TimeRange baseline, TimeRange incident, long baselineRequests, long requests) {
    Measured<List<SignatureCount>> m = store.signatureCounts(flow, baseline, incident);
    if (!examined(m)) {
      return List.of();
    }
    List<SignatureShift> shifts = new SignatureAnalyser().analyse(m.value(), baselineRequests, requests);
    List<SignatureEntry> out = new ArrayList<>();
    for (SignatureShift s : shifts.subList(0, Math.min(5, shifts.size()))) {
      SignatureCount c = s.count();
      String id = ev.add(c.kind() + "=" + c.value() + " in " + Text.count(c.count()) + " failed traces since onset ("
              + (s.isNew() ? "new: none" : Text.count(c.baselineCount())) + " in the baseline, "
              + Text.count(s.expected()) + " expected for this traffic)",
          EvidenceLog.numbers("count", c.count(), "baseline_count", c.baselineCount(), "expected", s.expected()), m.query());
      out.add(new SignatureEntry(kindName(c.kind()), c.value(), c.count(), c.baselineCount(), s.isNew(), id));
    }
    return out;
  }

  private static String kindName(String column) {
    return column.equals("http.response.status_code") || column.equals("rpc.grpc.status_code") ? "status_code" : column;
  }

  List<SignatureEntry> logTemplates(TimeRange baseline, TimeRange incident) {
    Measured<List<TemplateWindowCount>> counts = store.logTemplateCounts(null, baseline, incident);
    if (!examined(counts)) {
      return List.of();
    }
    List<TemplateShift> shifts = new TemplateShiftAnalyser().analyse(counts.value(), baseline.length(), incident.length());
    List<SignatureEntry> out = new ArrayList<>();
    for (TemplateShift t : shifts.subList(0, Math.min(3, shifts.size()))) {
      String id = ev.add((t.kind() == TemplateShift.Kind.NEW ? "new" : "increased") + " log template \"" + t.template()
              + "\": " + Text.count(t.baselineCount()) + " in the baseline, " + Text.count(t.incidentCount())
              + " since onset (" + Text.round(t.incidentPerMinute()) + "/min against " + Text.round(t.baselinePerMinute())
              + "/min, adjusted p " + String.format(java.util.Locale.ROOT, "%.2g", t.adjustedPValue()) + ")",
          EvidenceLog.numbers("template_id", t.templateId(), "count", t.incidentCount(), "baseline_count", t.baselineCount(),
              "per_minute", t.incidentPerMinute(), "baseline_per_minute", t.baselinePerMinute(),
              "p_value", t.pValue(), "adjusted_p_value", t.adjustedPValue()),
          counts.query());
      out.add(new SignatureEntry("log", t.template(), t.incidentCount(), t.baselineCount(),
          t.kind() == TemplateShift.Kind.NEW, id));
    }
    return out;
  }

  /** Whether the source answered; if not, notes the part it could not examine. */
  private boolean examined(Measured<?> m) {
    if (!m.available()) {
      String note = "not examined: " + m.unavailable();
      if (!notes.contains(note)) {
        notes.add(note);
      }
    }
    return m.available();
  }

  Found read(Flow flow, TimeRange baseline, TimeRange incident, SignalSpec signal) {
    SignalRequest req = SignalRequest.of(flow, incident, baseline);
    List<Signal> signals = new ArrayList<>();
    SuspectFinder.Path path = SuspectFinder.Path.UNKNOWN;
    Set<String> metricServices = new TreeSet<>();
    if (flow != null) {
      metricServices.add(flow.service());
    }
    if (signal.kind() != SignalSpec.Kind.LATENCY) {
      Measured<ErrorOriginResult> measured = new ErrorOriginSignal().analyse(store, req);
      ErrorOriginResult eo = examined(measured) ? measured.value() : null;
      List<Finding> findings = eo == null ? List.of() : eo.findings();
      for (Finding f : findings.subList(0, Math.min(3, findings.size()))) {
        signals.add(signal(f));
      }
      if (eo != null && !eo.origins().isEmpty()) {
        ErrorOrigin top = eo.origins().get(0);
        path = new SuspectFinder.Path(top.component().service(), top.component().peer(), eo.pathServices().keySet(), true);
        metricServices.add(top.component().service());
      } else if (eo != null && eo.incident().failedTraces() > 0) {
        path = new SuspectFinder.Path(null, null, eo.pathServices().keySet(), true);
      }
    } else {
      Measured<LatencyResult> measured = new LatencySignal().analyse(store, req);
      LatencyResult lat = examined(measured) ? measured.value() : null;
      List<Finding> findings = lat == null ? List.of() : lat.findings();
      for (Finding f : findings.subList(0, Math.min(3, findings.size()))) {
        signals.add(signal(f));
      }
      if (lat != null && !lat.growth().isEmpty()) {
        LatencyGrowth top = lat.growth().get(0);
        Set<String> onPath = new TreeSet<>();
        lat.growth().forEach(g -> onPath.add(g.component().service()));
        path = new SuspectFinder.Path(top.component().service(), top.component().peer(), onPath, true);
        metricServices.add(top.component().service());
      }
    }
    Measured<DependencyResult> measuredDep = new DependencySignal().analyse(store, req);
    DependencyResult dep = examined(measuredDep) ? measuredDep.value() : new DependencyResult(List.of(), measuredDep.query());
    java.util.Set<String> ours = store.services(new TimeRange(baseline.from(), incident.to())).value();
    for (Finding f : dep.findings()) {
      if (f.peer() == null || !ours.contains(f.peer())) {
        signals.add(signal(f)); // external dependencies only: our own services turning bad are the symptom
      }
    }
    SignalRequest metricReq = new SignalRequest(flow, incident, baseline, List.copyOf(metricServices), SignalRequest.DEFAULT_MAX_TRACES);
    if (!metricServices.isEmpty()) {
      List<Finding> metrics = new ArrayList<>();
      for (String service : metricReq.metricServices()) {
        Measured<MetricResult> r = new MetricSignal().analyse(store, metricReq, service);
        if (examined(r)) {
          metrics.addAll(r.value().findings());
        }
      }
      for (Finding f : metrics.subList(0, Math.min(3, metrics.size()))) {
        signals.add(signal(f));
      }
    }
    return new Found(signals, dep.derivedChanges(), path);
  }

  private Signal signal(Finding f) {
    String id = ev.add(f.claim(), f.numbers(), f.query());
    return new Signal(f.kind(), f.service(), f.operation(), f.peer(), f.share(), f.claim(), f.numbers(), id);
  }

  /**
   * Traffic-rate change points on the flow and on its first cohort, near onset, become derived
   * traffic changes; a cohort's traffic change is scoped to that cohort.
   */
  void trafficChanges(Flow flow, BucketSeries series, Onset onset, List<Cohort> cohorts, Window observed,
      TimeRange range, Duration bucket, List<ChangeEvent> derived, Map<String, ScopeMatch> scopes) {
    String subject = flow == null ? "all requests" : flow.toString();
    traffic(series, subject, onset, flow == null ? null : flow.service(), Map.of(), null, derived, scopes, "-- the flow's series above");
    if (!cohorts.isEmpty()) {
      Cohort top = cohorts.get(0);
      Measured<BucketSeries> m = store.series(flow, top.attributes(), range, bucket, SignalSpec.ERRORS);
      double coverage = observed.requests() == 0 ? 0 : Math.min(1, (double) top.requests() / observed.requests());
      ScopeMatch scope = new ScopeMatch(top.shareOfExcess(), coverage,
          Text.percent(top.shareOfExcess()) + " of the excess is in " + top.describe() + " (" + Text.percent(coverage) + " of traffic)");
      traffic(m.value(), subject + " with " + top.describe(), onset, flow == null ? null : flow.service(),
          top.attributes(), scope, derived, scopes, m.query());
    }
  }

  private void traffic(BucketSeries s, String subject, Onset onset, String service, Map<String, String> targets,
      ScopeMatch scope, List<ChangeEvent> derived, Map<String, ScopeMatch> scopes, String sql) {
    if (s.firstActive() == s.size()) {
      return;
    }
    s = s.from(s.firstActive()); // time before the requests existed is not a rate of zero
    Optional<ChangePoint> cp = OnsetDetectors.trafficShift().detect(s);
    if (cp.isEmpty()) {
      return;
    }
    ChangePoint c = cp.get();
    Instant at = s.bucketStart(c.index());
    if (at.isAfter(onset.latest()) || at.isBefore(onset.earliest().minus(Duration.ofMinutes(30)))) {
      return;
    }
    if (c.after() > c.before() && requestsBefore(s, c.index()) == 0) {
      return; // requests that did not exist before (a new version, a new flag variant): what introduced them explains it
    }
    double perMinute = 60.0 / s.bucket().toSeconds();
    String summary = "request rate of " + subject + (c.after() > c.before() ? " rose " : " fell ")
        + Text.round(c.after() / Math.max(c.before(), 1e-9)) + "x (" + Text.count(c.before() * perMinute) + "/min -> "
        + Text.count(c.after() * perMinute) + "/min)";
    String id = ev.add(summary, EvidenceLog.numbers("before_per_minute", c.before() * perMinute,
        "after_per_minute", c.after() * perMinute, "statistic", c.statistic()), sql);
    ChangeEvent change = new ChangeEvent("derived-traffic-" + Integer.toHexString(subject.hashCode()) + "-" + at.getEpochSecond(),
        ChangeType.TRAFFIC, at, service, summary, null, null, null, null, targets, null, null, ChangeEvent.SOURCE_DERIVED);
    derived.add(change);
    if (scope != null) {
      scopes.put(change.id(), scope);
    }
    notes.add("traffic shift derived from telemetry [" + id + "]");
  }

  private static long requestsBefore(BucketSeries s, int index) {
    long n = 0;
    for (int i = 0; i < index; i++) {
      n += s.requests(i);
    }
    return n;
  }
}
