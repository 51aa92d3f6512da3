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

  /**
   * Parses {@code SERVICE:OPERATION}, the form {@link #toString} writes: the operation may itself
   * contain colons; a colon in the service is written {@code \:} (and a backslash before a colon
   * or a backslash as {@code \\}).
   */
  public static Flow parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("flow must be SERVICE:OPERATION, got: null");
    }
    StringBuilder service = new StringBuilder();
    int i = 0;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ':' || text.charAt(i + 1) == '\\')) {
        service.append(text.charAt(++i));
      } else if (c == ':') {
        break;
      } else {
        service.append(c);
      }
    }
    if (service.isEmpty() || i >= text.length() - 1) {
      throw new IllegalArgumentException("flow must be SERVICE:OPERATION (a colon in the service written \\:), got: "
          + text);
    }
    return new Flow(service.toString(), text.substring(i + 1));
  }

  @Override
  public String toString() {
    return service.replace("\\", "\\\\").replace(":", "\\:") + ":" + operation;
  }
}
