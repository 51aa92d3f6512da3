package io.casefile.analysis.logs;

/**
 * A template that is new in the incident window or occurs significantly more often than in the
 * baseline. Rates are per minute. {@code rateRatio} is incident rate over baseline rate with half
 * a count added to each side, so that it stays finite for new templates. {@code pValue} is the
 * one-sided exact binomial test of the incident share of the template's occurrences against the
 * incident share of the observed time; {@code adjustedPValue} is its Benjamini-Hochberg adjustment
 * over every template tested.
 */
public record TemplateShift(
    long templateId,
    String template,
    Kind kind,
    long baselineCount,
    long incidentCount,
    double baselinePerMinute,
    double incidentPerMinute,
    double rateRatio,
    double pValue,
    double adjustedPValue) {

  /** NEW: absent from the baseline; INCREASED: present in the baseline, significantly more now. */
  public enum Kind { NEW, INCREASED }

  public TemplateShift {
    if (kind == null) {
      throw new IllegalArgumentException("shift kind is required (template " + templateId + ")");
    }
    if (!(pValue >= 0 && pValue <= 1) || !(adjustedPValue >= 0 && adjustedPValue <= 1)) {
      throw new IllegalArgumentException("p-values must be in [0, 1], got " + pValue + " and "
          + adjustedPValue + " for template " + templateId);
    }
  }
}
