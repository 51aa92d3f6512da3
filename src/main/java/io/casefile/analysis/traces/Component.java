package io.casefile.analysis.traces;

import java.util.Comparator;

/**
 * Where a span runs: a service and operation, plus the external peer it calls when it is a client
 * span that names one ({@code peer.service}, else {@code server.address}); {@code peer} is null
 * otherwise.
 */
public record Component(String service, String operation, String peer)
    implements Comparable<Component> {

  private static final Comparator<Component> ORDER = Comparator.comparing(Component::service)
      .thenComparing(Component::operation)
      .thenComparing(Component::peer, Comparator.nullsFirst(Comparator.naturalOrder()));

  public Component {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("component service is required");
    }
    if (operation == null || operation.isBlank()) {
      throw new IllegalArgumentException("component operation is required (service " + service + ")");
    }
    if (peer != null && peer.isBlank()) {
      peer = null;
    }
  }

  /** {@code payments POST /pix/authorize -> pix-gateway}. */
  public String label() {
    return service + " " + operation + (peer == null ? "" : " -> " + peer);
  }

  @Override
  public int compareTo(Component other) {
    return ORDER.compare(this, other);
  }
}
