package io.casefile.analysis.logs;

/**
 * A mined log template: a stable id, the text with {@code <*>} for variables, and how many
 * messages it has matched.
 */
public record LogTemplate(long id, String template, long count) {
  public LogTemplate {
    if (id < 1) {
      throw new IllegalArgumentException("template id must be positive, got " + id);
    }
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("template text is required (template id " + id + ")");
    }
    if (count < 0) {
      throw new IllegalArgumentException("template count cannot be negative, got " + count + " (template id " + id + ")");
    }
  }
}
