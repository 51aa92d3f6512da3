package io.casefile.signals;

import io.casefile.analysis.traces.LatencyAttributionAnalyser;
import io.casefile.analysis.traces.LatencyGrowth;
import io.casefile.analysis.traces.SelfTimeStats;
import io.casefile.analysis.traces.TailProfile;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Latency attribution for the flow's slow requests: both windows' profiles, the components whose
 * self-time grew (largest growth first, empty when slow requests did not get slower) and the query.
 */
public record LatencyResult(String flow, double quantile, TailProfile incident, TailProfile baseline,
    List<LatencyGrowth> growth, String query) {

  public LatencyResult {
    growth = List.copyOf(growth);
  }

  public List<Finding> findings() {
    return growth.stream().map(this::finding).toList();
  }

  private Finding finding(LatencyGrowth g) {
    double requestGrowth = LatencyAttributionAnalyser.requestGrowthMicros(incident, baseline);
    String q = "p" + Math.round(quantile * 100);
    StringBuilder claim = new StringBuilder(g.component().label()).append(" adds ")
        .append(Format.duration(g.incidentPerRequestMicros())).append(" of self-time per slow ")
        .append(flow.isEmpty() ? "" : flow + " ").append("request (baseline ").append(Format.duration(g.baselinePerRequestMicros()))
        .append("): ").append(Format.percent(g.shareOfGrowth())).append(" of their growth from ")
        .append(Format.duration(baseline.meanDurationMicros())).append(" to ")
        .append(Format.duration(incident.meanDurationMicros())).append(" (requests at or above the ")
        .append(q).append(": >= ").append(Format.duration(incident.thresholdMicros())).append(", baseline >= ")
        .append(Format.duration(baseline.thresholdMicros())).append("; ")
        .append(examined(incident)).append(" and ").append(examined(baseline)).append(" examined)");
    if (g.incident() != null) {
      claim.append("; p99 self-time ").append(g.baseline() == null ? "none" : Format.duration(g.baseline().p99Micros()))
          .append(" -> ").append(Format.duration(g.incident().p99Micros()));
    }
    var n = new LinkedHashMap<String, Number>();
    n.put("growth_us", Format.round(g.growthMicros()));
    n.put("share_of_growth", Format.round(g.shareOfGrowth()));
    n.put("per_request_us", Format.round(g.incidentPerRequestMicros()));
    n.put("baseline_per_request_us", Format.round(g.baselinePerRequestMicros()));
    n.put("request_growth_us", Format.round(requestGrowth));
    n.put("mean_duration_us", Format.round(incident.meanDurationMicros()));
    n.put("baseline_mean_duration_us", Format.round(baseline.meanDurationMicros()));
    n.put("threshold_us", Format.round(incident.thresholdMicros()));
    n.put("baseline_threshold_us", Format.round(baseline.thresholdMicros()));
    n.put("sampled_requests", incident.sampledRequests());
    n.put("slow_requests", incident.slowRequests());
    n.put("baseline_sampled_requests", baseline.sampledRequests());
    put(n, "", g.incident());
    put(n, "baseline_", g.baseline());
    return new Finding("latency", g.component().service(), g.component().operation(),
        g.component().peer(), Format.round(g.shareOfGrowth()), claim.toString(), n, query);
  }

  private static String examined(TailProfile p) {
    return p.sampledRequests() < p.slowRequests()
        ? "the " + Format.count(p.sampledRequests()) + " most recent of " + Format.count(p.slowRequests())
        : "all " + Format.count(p.sampledRequests());
  }

  private static void put(LinkedHashMap<String, Number> n, String prefix, SelfTimeStats s) {
    if (s != null) {
      n.put(prefix + "spans", s.spans());
      n.put(prefix + "self_p50_us", Format.round(s.p50Micros()));
      n.put(prefix + "self_p95_us", Format.round(s.p95Micros()));
      n.put(prefix + "self_p99_us", Format.round(s.p99Micros()));
    }
  }
}
