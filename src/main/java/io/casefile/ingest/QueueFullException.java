package io.casefile.ingest;

/** The ingest queue is at capacity; the client should retry after a short wait. */
public final class QueueFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueFullException(String message) {
    super(message);
  }
}
