package io.casefile.incident;

/**
 * A request the casefile's rules refuse (HTTP 409): the code is stable
 * ({@code overlapping_change}, {@code root_cause_required}, {@code invalid_transition},
 * {@code unknown_entry}), the message says what to do instead.
 */
public final class RuleViolation extends RuntimeException {
  private final String code;

  public RuleViolation(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
