package io.casefile.signals;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One signal as a claim: its kind ({@code error_origin}, {@code latency}, {@code dependency},
 * {@code metric}), where it points (service, operation, peer; null when not applicable), its share
 * (of failed traces or of latency growth; null otherwise), the claim text, the numbers behind it in
 * a stable order, and the SQL that reproduces them. Metric findings name the metric and statistic
 * in the operation slot ({@code http.server.request.duration:p99}). Maps one to one onto an
 * investigation's signal and its evidence.
 */
public record Finding(String kind, String service, String operation, String peer, Double share,
    String claim, Map<String, Number> numbers, String query) {

  public Finding {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("finding kind is required");
    }
    if (claim == null || claim.isBlank()) {
      throw new IllegalArgumentException("finding " + kind + " needs a claim");
    }
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("finding " + kind + " needs its query");
    }
    numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }
}
