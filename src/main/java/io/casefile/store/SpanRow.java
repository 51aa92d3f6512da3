package io.casefile.store;

/**
 * One decoded span, flattened for storage. Ids are fixed-width numbers (a zero parent means a root
 * span). {@code attrKeys}/{@code attrValues} hold the merged resource and span attributes (span wins)
 * in their first {@code attrCount} slots; parallel arrays keep the hot ingest path free of maps.
 */
public record SpanRow(
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    long parentSpanId,
    long startMicros,
    long durationMicros,
    int kind,
    String name,
    int status,
    String statusMessage,
    String service,
    String operation,
    boolean request,
    boolean error,
    String[] attrKeys,
    String[] attrValues,
    int attrCount) {

  public SpanRow {
    if (traceIdHigh == 0 && traceIdLow == 0) {
      throw new IllegalArgumentException("trace id must not be all zeros");
    }
    if (spanId == 0) {
      throw new IllegalArgumentException("span id must not be all zeros");
    }
    if (durationMicros < 0) {
      throw new IllegalArgumentException("span duration must not be negative, got " + durationMicros);
    }
    if (service == null || operation == null || name == null) {
      throw new IllegalArgumentException("span service, operation and name are required");
    }
    if (attrCount < 0 || attrCount > attrKeys.length || attrKeys.length != attrValues.length) {
      throw new IllegalArgumentException("span attribute arrays are inconsistent: count " + attrCount);
    }
  }

  /** The value of an attribute key, or null. */
  public String attribute(String key) {
    for (int i = 0; i < attrCount; i++) {
      if (attrKeys[i].equals(key)) {
        return attrValues[i];
      }
    }
    return null;
  }
}
