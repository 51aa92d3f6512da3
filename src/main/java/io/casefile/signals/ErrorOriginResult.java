package io.casefile.signals;

import io.casefile.analysis.traces.ErrorOrigin;
import io.casefile.analysis.traces.OriginTally;
import java.util.List;
import java.util.Map;

/**
 * Error origins of the flow's failed requests: the tallies of both windows, the origins that
 * explain the new failures (largest excess first, empty when there are none), which failed
 * requests of the incident were examined, and the query.
 */
public record ErrorOriginResult(String flow, OriginTally incident, OriginTally baseline,
    List<ErrorOrigin> origins, String examined, String query) {

  public ErrorOriginResult {
    origins = List.copyOf(origins);
  }

  /** Services on the incident's error paths, with the number of examined failed traces. */
  public Map<String, Long> pathServices() {
    return incident.pathServices();
  }

  public List<Finding> findings() {
    return origins.stream().map(this::finding).toList();
  }

  private Finding finding(ErrorOrigin o) {
    String sample = incident.sampled()
        ? Format.count(incident.sampledTraces()) + " of " + Format.count(incident.failedTraces())
            + " failed requests examined: " + examined
        : "all " + Format.count(incident.failedTraces()) + " failed requests examined";
    String claim = Format.percent(o.share()) + " of failed " + (flow.isEmpty() ? "" : flow + " ") + "requests originate in "
        + o.component().label() + " (baseline " + Format.percent(o.baselineShare()) + " of "
        + Format.count(baseline.failedTraces()) + "); ~" + Format.count(o.estimatedTraces())
        + " failed requests, " + Format.count(o.excess()) + " above the baseline rate (" + sample + ")";
    var numbers = new java.util.LinkedHashMap<String, Number>();
    numbers.put("traces", o.traces());
    numbers.put("share", Format.round(o.share()));
    numbers.put("estimated_traces", Format.round(o.estimatedTraces()));
    numbers.put("failed_traces", incident.failedTraces());
    numbers.put("sampled_traces", incident.sampledTraces());
    numbers.put("requests", incident.requests());
    numbers.put("rate", Format.round(o.rate()));
    numbers.put("baseline_traces", o.baselineTraces());
    numbers.put("baseline_share", Format.round(o.baselineShare()));
    numbers.put("baseline_rate", Format.round(o.baselineRate()));
    numbers.put("baseline_failed_traces", baseline.failedTraces());
    numbers.put("baseline_requests", baseline.requests());
    numbers.put("excess", Format.round(o.excess()));
    numbers.put("z", Format.round(o.z()));
    return new Finding("error_origin", o.component().service(), o.component().operation(),
        o.component().peer(), Format.round(o.share()), claim, numbers, query);
  }
}
