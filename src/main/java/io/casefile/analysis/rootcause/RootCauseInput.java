package io.casefile.analysis.rootcause;

import java.util.List;

/**
 * What the ranker reads, for a baseline and an incident window of the given lengths (seconds):
 * own times, call gaps (which are also the call graph and the call counts), warning-or-worse log
 * templates, gauge series, the sequences of calls the spans of each operation made and the log
 * templates of each flow's requests.
 */
public record RootCauseInput(double baselineSeconds, double incidentSeconds, List<OwnTime> ownTimes,
    List<CallGap> calls, List<LogRate> logs, List<MetricWindow> metrics, List<CallPattern> patterns,
    List<FlowLog> flowLogs) {
  public RootCauseInput {
    if (!(baselineSeconds > 0) || !(incidentSeconds > 0)) {
      throw new IllegalArgumentException("window lengths must be positive, got " + baselineSeconds + ", " + incidentSeconds);
    }
    ownTimes = List.copyOf(ownTimes);
    calls = List.copyOf(calls);
    logs = List.copyOf(logs);
    metrics = List.copyOf(metrics);
    patterns = List.copyOf(patterns);
    flowLogs = List.copyOf(flowLogs);
  }

  /** Input without call sequences or requests' logs (aggregates only). */
  public RootCauseInput(double baselineSeconds, double incidentSeconds, List<OwnTime> ownTimes,
      List<CallGap> calls, List<LogRate> logs, List<MetricWindow> metrics) {
    this(baselineSeconds, incidentSeconds, ownTimes, calls, logs, metrics, List.of(), List.of());
  }
}
