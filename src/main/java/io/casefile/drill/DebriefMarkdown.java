package io.casefile.drill;

import java.util.Locale;

/** The debrief as Markdown: verdicts first, then the timeline beside the truth, the changes and the score. */
public final class DebriefMarkdown {
  private DebriefMarkdown() {}

  public static String render(Debrief d) {
    var b = new StringBuilder();
    b.append("# Drill ").append(d.drill()).append(" debrief: ").append(d.score()).append(" / 100\n\n");
    b.append("- Responder: ").append(d.responder()).append('\n');
    b.append("- Scenario: `").append(d.scenario()).append("` (seed ").append(d.seed())
        .append(d.speed() > 0 ? String.format(Locale.ROOT, ", speed %.0fx): ", d.speed()) : ", manual clock): ")
        .append(d.description()).append('\n');
    b.append("- Paged at ").append(d.pagedAt()).append(": ").append(d.page()).append('\n');
    b.append("- Ended at ").append(d.endedAt()).append("\n\n");
    b.append("## What happened\n\n");
    var t = d.truth();
    b.append("- Signal: ").append(t.signal()).append(", onset ").append(t.onset()).append('\n');
    b.append("- Flows: ").append(String.join(", ", t.flows())).append("; for whom: ").append(t.cohort()).append('\n');
    b.append("- Cause: ").append(t.cause()).append('\n');
    b.append("- The right mitigation: ").append(t.rightMitigation()).append("\n\n");
    b.append("## The discipline\n\n| rule | verdict | points | evidence |\n|---|---|---|---|\n");
    for (var r : d.rules()) {
      b.append("| ").append(r.title()).append(" | **").append(r.verdict()).append("** | ").append(r.points())
          .append(" / ").append(r.max()).append(" | ").append(cell(r.evidence())).append(" |\n");
    }
    var o = d.outcome();
    b.append("\n## Outcome\n\n");
    b.append("- First mitigation: ").append(o.firstMitigationAt() == null ? "none" : o.firstMitigationAt().toString())
        .append('\n');
    b.append("- Fault stopped: ").append(o.faultStoppedAt() == null ? "no, it ran until the drill ended"
        : o.faultStoppedAt() + " (time to mitigate from the page: " + DebriefTimeline.offset(o.timeToMitigate())
            .substring(1) + ")").append('\n');
    b.append(String.format(Locale.ROOT, "- Requests since the onset: %d; failed: %d; affected by the fault: %d; "
        + "best possible (the right change made at the page): %d%n", o.requests(), o.failedRequests(),
        o.affectedRequests(), o.bestPossibleAffected()));
    b.append("\n## Changes made\n\n| at | change | lever | aimed at the cause | what the world did | measured |\n"
        + "|---|---|---|---|---|---|\n");
    for (var c : d.changes()) {
      b.append("| ").append(c.at()).append(" | ").append(cell(c.summary())).append(c.confounded() ? " (confounded)" : "")
          .append(" | ").append(c.lever() == null ? "none" : "`" + c.lever() + "`").append(" | ")
          .append(c.aimedAtCause() ? "yes" : "no").append(" | ").append(cell(c.world())).append(" | ")
          .append(cell(c.measured())).append(" |\n");
    }
    b.append("\n## Timeline\n\n| at | from page | responder | truth |\n|---|---|---|---|\n");
    for (var r : d.timeline()) {
      boolean responder = r.side().equals("responder");
      b.append("| ").append(r.at()).append(" | ").append(r.offset()).append(" | ")
          .append(responder ? cell(r.text()) : "").append(" | ").append(responder ? "" : cell(r.text())).append(" |\n");
    }
    b.append("\n## Score\n\n```\n");
    d.scoring().forEach(s -> b.append(s).append('\n'));
    b.append("```\n");
    return b.toString();
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
