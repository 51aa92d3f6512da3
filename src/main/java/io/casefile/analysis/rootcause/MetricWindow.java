package io.casefile.analysis.rootcause;

import java.util.Objects;

/** One gauge series of a service instance: its values in the baseline and in the incident window. */
public record MetricWindow(String service, String instance, String name, double[] baseline, double[] incident) {
  public MetricWindow {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(name, "name");
    baseline = baseline.clone();
    incident = incident.clone();
  }
}
