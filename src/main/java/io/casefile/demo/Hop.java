package io.casefile.demo;

/**
 * A point on a request's path where a scenario may inject an effect: a service's operation, or
 * its call to {@code peer} (a database or an external provider) when the peer is not null.
 * {@code load} is the scenario's traffic multiplier for the request's region at that time (1 is
 * normal load).
 */
record Hop(String service, String operation, String peer, Visit visit, String version, long atNanos, double load) {

  boolean is(String service, String operation) {
    return this.service.equals(service) && this.operation.equals(operation) && peer == null;
  }

  boolean calls(String service, String peer) {
    return this.service.equals(service) && peer != null && peer.equals(this.peer);
  }
}
