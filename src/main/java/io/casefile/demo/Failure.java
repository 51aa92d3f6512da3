package io.casefile.demo;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a hop fails: the exception type, the HTTP status its server span returns, the log line it
 * writes (a pattern whose {@code {name}} placeholders are filled with realistic values) and, for a
 * timeout, how long the caller waited.
 */
record Failure(String exceptionType, int status, String logPattern, long timeoutMs) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");

  Failure {
    Objects.requireNonNull(exceptionType, "exceptionType");
    Objects.requireNonNull(logPattern, "logPattern");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("failure status must be 4xx or 5xx, got " + status);
    }
  }

  static Failure of(String exceptionType, int status, String logPattern) {
    return new Failure(exceptionType, status, logPattern, 0);
  }

  static Failure timeout(String exceptionType, int status, String logPattern, long timeoutMs) {
    return new Failure(exceptionType, status, logPattern, timeoutMs);
  }

  /** The log template a miner should find: every placeholder becomes {@code <*>}. */
  String logTemplate() {
    return template(logPattern);
  }

  static String template(String pattern) {
    return PLACEHOLDER.matcher(pattern).replaceAll("<*>");
  }
}
