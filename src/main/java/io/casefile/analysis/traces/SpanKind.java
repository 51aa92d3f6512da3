package io.casefile.analysis.traces;

/** OTLP SpanKind, with the numeric codes stored in {@code spans.kind}. */
public enum SpanKind {
  UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

  /** The OTLP code (0..5). */
  public int code() {
    return ordinal();
  }

  /** Maps an OTLP code; names the bad value when it is out of range. */
  public static SpanKind ofCode(int code) {
    if (code < 0 || code >= values().length) {
      throw new IllegalArgumentException("span kind code must be 0..5, got " + code);
    }
    return values()[code];
  }
}
