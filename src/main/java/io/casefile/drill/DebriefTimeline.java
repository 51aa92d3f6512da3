package io.casefile.drill;

import io.casefile.incident.ActionView;
import io.casefile.incident.Entry;
import io.casefile.incident.EntryBody;
import io.casefile.incident.Incidents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The responder's steps beside the truth, in time order, with offsets from the page. */
final class DebriefTimeline {
  private DebriefTimeline() {}

  static List<Debrief.Row> rows(DrillFacts f, Instant end) {
    List<Debrief.Row> rows = new ArrayList<>();
    for (DrillFacts.Event e : f.truthEvents()) {
      rows.add(row(f, e.at(), "truth", e.text()));
    }
    rows.add(row(f, f.pagedAt(), "truth", "page: " + f.page()));
    for (DrillFacts.AppliedLever l : f.levers()) {
      rows.add(row(f, l.at(), "truth", "world: " + l.lever() + " " + l.reaction()));
    }
    if (f.curedAt() != null && !f.curedAt().isAfter(end)) {
      rows.add(row(f, f.curedAt(), "truth", "the fault stopped"));
    }
    for (DrillFacts.Inquiry q : f.inquiries()) {
      rows.add(row(f, q.at(), "responder", "investigated " + q.question() + ": " + (q.anomaly()
          ? q.flow() + " since " + q.onset() + ", " + DrillScorer.cohortText(q.cohorts()) + "; "
              + (q.suspects().isEmpty() ? (q.unexplained() ? "no change explains it" : "no suspects")
              : q.suspects().size() + " suspect(s), first: " + q.suspects().getFirst())
          : "no anomaly")));
    }
    for (Entry e : f.casefile().entries()) {
      if (!e.author().equals(Incidents.CASEFILE_AUTHOR)) {
        rows.add(row(f, e.at(), "responder", e.type() + ": " + text(e.body())));
      }
    }
    for (ActionView v : f.casefile().actions(end)) {
      if (v.effect() != null) {
        rows.add(row(f, v.windowEnd(), "responder", "measured effect of \"" + v.action().summary() + "\": "
            + v.effect().verdict().wireName()));
      }
    }
    rows.sort(Comparator.comparing(Debrief.Row::at));
    return rows;
  }

  private static String text(EntryBody b) {
    return switch (b) {
      case EntryBody.Fact x -> x.statement();
      case EntryBody.Hypothesis x -> x.statement() + " [" + x.status().wireName() + "]";
      case EntryBody.Action x -> x.kind().wireName() + " \"" + x.summary() + "\""
          + (x.lever() == null ? "" : " (" + x.lever() + ")") + (x.forcedReason() == null ? "" : ", forced: "
          + x.forcedReason());
      case EntryBody.Decision x -> x.decision();
      case EntryBody.StatusChange x -> (x.from() == null ? "" : x.from().wireName() + " -> ") + x.to().wireName();
      case EntryBody.StatusUpdate x -> firstLine(x.text());
      case EntryBody.Note x -> x.text();
      case EntryBody.RootCause x -> x.statement() + (x.trigger() == null ? "" : " (trigger: " + x.trigger() + ")");
      case EntryBody.Snapshot x -> "evidence snapshot (" + x.reason() + ")";
      case EntryBody.Effect x -> x.verdict().wireName();
    };
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " …";
  }

  private static Debrief.Row row(DrillFacts f, Instant at, String side, String text) {
    return new Debrief.Row(at, offset(Duration.between(f.pagedAt(), at)), side, text);
  }

  static String offset(Duration d) {
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%s%02d:%02d", s < 0 ? "-" : "+", Math.abs(s) / 60, Math.abs(s) % 60);
  }
}
