package io.casefile.analysis.logs;

/** How often one template occurred in the baseline window and in the incident window. */
public record TemplateWindowCount(long templateId, String template, long baselineCount, long incidentCount) {
  public TemplateWindowCount {
    if (template == null) {
      throw new IllegalArgumentException("template text is required (template id " + templateId + ")");
    }
    if (baselineCount < 0) {
      throw new IllegalArgumentException("baseline count cannot be negative, got " + baselineCount
          + " for template " + templateId);
    }
    if (incidentCount < 0) {
      throw new IllegalArgumentException("incident count cannot be negative, got " + incidentCount
          + " for template " + templateId);
    }
  }
}
