package io.casefile.incident;

/** Validation of free-text fields shared by the entry records. */
final class Texts {
  static final int MAX = 10_000;

  private Texts() {}

  static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.length() > MAX) {
      throw new IllegalArgumentException(name + " is longer than " + MAX + " characters");
    }
  }
}
