package io.casefile.signals;

/** A signal query failed; the message names the query as it ran. */
public final class SignalQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SignalQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
