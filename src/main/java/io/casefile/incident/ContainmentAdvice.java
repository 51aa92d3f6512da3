package io.casefile.incident;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The three containment questions answered with data, and what to do about them.
 * {@code active} is null when the data ends too long before now to tell. {@code recommendation} is
 * {@code mitigate_first} (damage active and meaningful and a reversible candidate exists),
 * {@code investigate_first}, or {@code no_action} (no anomaly).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContainmentAdvice(
    Boolean active,
    String activeReason,
    boolean meaningful,
    String meaningfulReason,
    double failedPerMinute,
    double excessPerMinute,
    long projectedFailedNext10m,
    String costOfWaiting,
    String recommendation,
    String summary,
    List<Mitigation> candidates) {
  public ContainmentAdvice {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  /** The CONTAIN section of the terminal report: the answer, then the first candidates. */
  public List<String> reportLines() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("damage active: " + (active == null ? "unknown" : active ? "yes" : "no") + " · meaningful: "
        + (meaningful ? "yes" : "no") + " · waiting costs " + costOfWaiting);
    lines.add(summary);
    for (Mitigation m : candidates.subList(0, Math.min(2, candidates.size()))) {
      lines.add("candidate: " + m.action() + " (" + (m.reversible() ? "reversible" : "not reversible")
          + (m.blastRadius() == null ? "" : "; blast radius: " + m.blastRadius()) + ")");
    }
    return lines;
  }
}
