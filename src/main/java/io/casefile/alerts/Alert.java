package io.casefile.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert of a notification, as every receiver normalises it: firing or resolved, its labels and
 * annotations, when it started (and ended, when resolved), its fingerprint (the identity of its
 * label set) and where it came from. {@code values} holds Grafana's evaluated query values.
 */
public record Alert(
    boolean firing,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String fingerprint,
    String generatorUrl,
    Map<String, Double> values) {

  public Alert {
    labels = Map.copyOf(labels == null ? Map.of() : new TreeMap<>(labels));
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    values = Map.copyOf(values == null ? Map.of() : values);
    Objects.requireNonNull(startsAt, "alert startsAt");
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new IllegalArgumentException("alert fingerprint is required");
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("alert needs at least one label");
    }
  }

  /** {@code alertname}, else the fingerprint. */
  public String name() {
    return labels.getOrDefault("alertname", fingerprint);
  }

  /** The summary annotation, else the description, else the name. */
  public String summary() {
    String s = annotations.get("summary");
    if (s == null || s.isBlank()) {
      s = annotations.get("description");
    }
    return s == null || s.isBlank() ? name() : s;
  }

  /** {@code HighErrorRate{service="checkout", …}}. */
  public String describe() {
    var b = new StringBuilder(name()).append('{');
    labels.forEach((k, v) -> {
      if (!k.equals("alertname")) {
        b.append(b.charAt(b.length() - 1) == '{' ? "" : ", ").append(k).append("=\"").append(v).append('"');
      }
    });
    return b.append('}').toString();
  }
}
