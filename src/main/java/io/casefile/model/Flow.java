package io.casefile.model;

/**
 * A service × operation: the unit users name. The operation is http.route, else rpc.method,
 * else the span name.
 */
public record Flow(String service, String operation) {
  public Flow {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("flow service is required");
    }
    if (operation == null || operation.isBlank()) {
      throw new IllegalArgumentException("flow operation is required");
    }
  }

  /** Parses {@code SERVICE:OPERATION}; the operation may itself contain colons. */
  public static Flow parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("flow must be SERVICE:OPERATION, got: " + text);
    }
    return new Flow(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return service + ":" + operation;
  }
}
