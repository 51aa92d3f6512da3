package io.casefile.alerts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One notification of an alert group, from any source: Alertmanager's webhook (version 4), Grafana's
 * webhook contact point, the generic JSON form or Casefile's own SLO evaluation. {@code groupKey}
 * identifies the group (one incident per group); {@code truncatedAlerts} counts alerts the sender
 * left out.
 */
public record AlertNotification(
    String source,
    String receiver,
    String groupKey,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    List<Alert> alerts,
    int truncatedAlerts,
    String externalUrl) {

  public AlertNotification {
    Objects.requireNonNull(source, "source");
    if (groupKey == null || groupKey.isBlank()) {
      throw new IllegalArgumentException("groupKey is required");
    }
    if (groupKey.length() > 2000) {
      throw new IllegalArgumentException("groupKey is longer than 2000 characters");
    }
    groupLabels = Map.copyOf(groupLabels == null ? Map.of() : groupLabels);
    commonLabels = Map.copyOf(commonLabels == null ? Map.of() : commonLabels);
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("alerts must hold at least one alert");
    }
    if (truncatedAlerts < 0) {
      throw new IllegalArgumentException("truncatedAlerts must be >= 0, got " + truncatedAlerts);
    }
  }

  public boolean anyFiring() {
    return alerts.stream().anyMatch(Alert::firing);
  }
}
