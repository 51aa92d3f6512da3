package io.casefile.analysis.rootcause;

import java.util.Objects;

/**
 * A log template of a service operation in the requests of one flow: how many of the flow's traces
 * that ran the operation held a record of it on the operation's spans, and how many ran the
 * operation, in the baseline and in the incident window; its highest severity number.
 */
public record FlowLog(String flow, String service, String operation, String template, int severity, long baseline, long incident,
    long baselineTraces, long incidentTraces) {
  public FlowLog {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(template, "template");
    if (baseline < 0 || incident < 0 || baseline > baselineTraces || incident > incidentTraces) {
      throw new IllegalArgumentException("a template is in at most its flow's traces, got " + baseline + " of "
          + baselineTraces + ", " + incident + " of " + incidentTraces);
    }
  }
}
