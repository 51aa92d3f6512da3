package io.casefile.store;

/** The database failed (I/O, corruption, a bug in a query): not the caller's input. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
