package io.casefile.store.prometheus;

import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReaders;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * A configured request-metrics source, from the command line's {@code prometheus=URL}: its name
 * ({@code prometheus}, then {@code prometheus-2} … for further ones), address and mapping.
 */
public record PrometheusSource(String name, URI url, MetricsMapping mapping) {
  public static final String KIND = "prometheus";

  public PrometheusSource {
    Objects.requireNonNull(name, "source name");
    url = PrometheusClient.checkedBase(url);
    Objects.requireNonNull(mapping, "mapping");
  }

  /** Parses {@code prometheus=URL}; {@code index} (from 1) names the source. */
  public static PrometheusSource parse(String spec, int index, MetricsMapping mapping) {
    int eq = spec == null ? -1 : spec.indexOf('=');
    if (eq < 0 || !spec.substring(0, eq).trim().equals(KIND)) {
      throw new IllegalArgumentException("--source must be prometheus=URL (a Prometheus-compatible query API such as "
          + "http://127.0.0.1:9090), got: " + spec);
    }
    URI url;
    try {
      url = URI.create(spec.substring(eq + 1).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--source prometheus=URL has a bad URL: " + spec.substring(eq + 1));
    }
    return new PrometheusSource(index <= 1 ? KIND : KIND + "-" + index, url, mapping);
  }

  /**
   * Readers of this source's request metrics, each with the change events of a reader from
   * {@code own} (Casefile's own store). One client serves them all.
   */
  public TelemetryReaders readers(TelemetryReaders own) {
    PrometheusClient client = client();
    return new TelemetryReaders() {
      @Override
      public <T> T withReader(Function<TelemetryReader, T> work) {
        return own.withReader(r -> work.apply(new PrometheusTelemetryReader(client, mapping, r::changes)));
      }
    };
  }

  /** A client for this source's query API (one per source: it keeps its connections). */
  public PrometheusClient client() {
    return new PrometheusClient(url, PrometheusClient.Settings.DEFAULT);
  }
}
