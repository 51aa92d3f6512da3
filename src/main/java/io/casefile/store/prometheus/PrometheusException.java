package io.casefile.store.prometheus;

/**
 * A Prometheus-compatible backend is down, too slow, or refused a query. The message names the
 * backend's address and the PromQL, and carries the backend's own error type and message.
 */
public final class PrometheusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PrometheusException(String message, Throwable cause) {
    super(message, cause);
  }
}
