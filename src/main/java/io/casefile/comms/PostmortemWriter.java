package io.casefile.comms;

import io.casefile.analysis.effect.EffectVerdict;
import io.casefile.incident.ActionKind;
import io.casefile.incident.ActionView;
import io.casefile.incident.Casefile;
import io.casefile.incident.Entry;
import io.casefile.incident.EntryBody;
import io.casefile.incident.HypothesisStatus;
import io.casefile.investigation.Investigation;
import io.casefile.model.Suspect;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the postmortem as markdown from the casefile. Trigger, mitigation and root cause are
 * separate sections: a rollback that stopped the bleeding is a mitigation, the deploy it undid is
 * the trigger, and why that deploy broke things is the root cause. Pure.
 */
public final class PostmortemWriter {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private PostmortemWriter() {}

  public static String markdown(Casefile c, Investigation investigation, Instant now) {
    var inc = c.incident();
    StringBuilder b = new StringBuilder();
    b.append("# Postmortem: ").append(inc.id()).append(" — ").append(md(inc.title())).append("\n\n");
    b.append("Severity ").append(inc.severity()).append(" · status ").append(c.status().wireName())
        .append(" · commander ").append(inc.commander() == null ? "not set" : md(inc.commander()))
        .append(" · opened ").append(TIME.format(inc.openedAt())).append("\n\n");
    List<ActionView> actions = c.actions(now);
    var rootCause = c.rootCause();
    var resolvedAt = c.entries().stream().filter(e -> e.body() instanceof EntryBody.StatusChange s
        && s.to() == io.casefile.incident.IncidentStatus.RESOLVED).map(Entry::at).findFirst();

    b.append("## Summary\n\n").append(md(inc.title())).append(". ");
    if (!inc.symptom().description().isBlank()) {
      b.append(md(inc.symptom().description())).append(". ");
    }
    actions.stream().filter(v -> v.effect() != null && v.effect().verdict() == EffectVerdict.HELPED).findFirst()
        .ifPresent(v -> b.append("Mitigated by ").append(md(v.action().summary())).append(". "));
    b.append(rootCause.map(r -> r.unknown() ? "Root cause unknown." : "Root cause identified.").orElse("Root cause not recorded."));
    b.append("\n\n");

    b.append("## Impact\n\n");
    if (investigation != null && investigation.symptom() != null) {
      var s = investigation.symptom();
      b.append(String.format(Locale.ROOT, "- %d of %d requests failed (%.1f%%; baseline %.2f%%) from %s to %s%n",
          s.observed().errors(), s.observed().requests(), 100 * s.observed().errorRate(), 100 * s.baseline().errorRate(),
          TIME.format(s.observed().from()), TIME.format(s.observed().to())));
      if (s.severity() != null) {
        b.append(String.format(Locale.ROOT, "- %d affected requests, %.0f/min, %.0f%% of the flow's traffic, SLO burn %.1fx%n",
            s.severity().affectedRequests(), s.severity().perMinute(), 100 * s.severity().trafficShare(),
            s.severity().burnRate()));
      }
      s.cohorts().forEach(co -> b.append(String.format(Locale.ROOT, "- for whom: %s (%.0f%% of the excess errors)%n",
          md(co.describe()), 100 * co.shareOfExcess())));
    } else {
      b.append("- ").append(inc.symptom().description().isBlank() ? "not measured" : md(inc.symptom().description())).append('\n');
    }
    resolvedAt.ifPresent(t -> b.append("- duration: ").append(minutes(Duration.between(
        inc.symptom().onset() == null ? inc.openedAt() : inc.symptom().onset(), t))).append('\n'));
    b.append('\n');

    b.append("## Timeline\n\n");
    for (Entry e : c.entries()) {
      b.append("- ").append(TIME.format(e.at())).append(" · ").append(md(e.author())).append(" · **")
          .append(e.type()).append("** ").append(md(describe(e.body()))).append('\n');
    }
    b.append('\n');

    b.append("## Detection\n\n");
    if (inc.symptom().onset() != null) {
      b.append("- onset ").append(TIME.format(inc.symptom().onset())).append("; incident opened ")
          .append(TIME.format(inc.openedAt())).append(" by ").append(md(inc.openedBy())).append(", ")
          .append(minutes(Duration.between(inc.symptom().onset(), inc.openedAt()))).append(" after onset\n\n");
    } else {
      b.append("- incident opened ").append(TIME.format(inc.openedAt())).append(" by ").append(md(inc.openedBy()))
          .append("; onset not measured\n\n");
    }

    b.append("## Trigger\n\n");
    String trigger = rootCause.map(EntryBody.RootCause::trigger).orElse(null);
    if (trigger != null && !trigger.isBlank()) {
      b.append(md(trigger)).append("\n\n");
    } else if (investigation != null && !investigation.suspects().isEmpty()) {
      Suspect top = investigation.suspects().get(0);
      b.append(md(top.change().type().wireName() + " " + top.change().summary() + " at "
          + TIME.format(top.change().timestamp()))).append(" (top suspect, ").append(top.confidence().wireName())
          .append(String.format(Locale.ROOT, ", score %.2f)", top.score())).append("\n\n");
    } else {
      b.append("Not identified.\n\n");
    }

    b.append("## Root cause\n\n");
    if (rootCause.isEmpty()) {
      b.append("Not recorded.\n\n");
    } else if (rootCause.get().unknown()) {
      b.append("Unknown. Reason: ").append(md(rootCause.get().reason())).append(". Follow-up: ")
          .append(md(rootCause.get().followUp())).append(".\n\n");
    } else {
      b.append(md(rootCause.get().statement())).append("\n\n");
    }

    b.append("## Mitigation\n\n");
    if (actions.isEmpty()) {
      b.append("No actions recorded.\n\n");
    }
    for (ActionView v : actions) {
      b.append("- ").append(TIME.format(v.at())).append(" ").append(v.action().kind().wireName()).append(": ")
          .append(md(v.action().summary()));
      if (v.action().expectedEffect() != null) {
        b.append(" — expected: ").append(md(v.action().expectedEffect()));
      }
      b.append("\n  - measured effect: ");
      if (v.effect() != null) {
        b.append("**").append(v.effect().verdict().words()).append("** — ").append(md(v.effect().explanation()));
      } else {
        b.append(v.state().replace('_', ' '));
      }
      b.append('\n');
      if (v.confounded()) {
        b.append("  - confounded: it overlapped another change")
            .append(v.action().forcedReason() == null ? "" : " (forced: " + md(v.action().forcedReason()) + ")")
            .append('\n');
      }
      if (v.action().snapshotId() != null) {
        b.append("  - evidence snapshot ").append(v.action().snapshotId()).append(" taken before it\n");
      }
    }
    b.append('\n');

    b.append("## What went well\n\n");
    list(b, wentWell(c, actions));
    b.append("## What went badly\n\n");
    list(b, wentBadly(c, actions, now));
    b.append("## Action items\n\n");
    List<String> items = new ArrayList<>();
    rootCause.filter(EntryBody.RootCause::unknown).ifPresent(r -> items.add("find the root cause: " + r.followUp()));
    for (EntryBody.Action a : c.bodies(EntryBody.Action.class)) {
      if (a.kind() == ActionKind.CORRECTION) {
        items.add("verify the correction: " + a.summary());
      }
    }
    for (EntryBody.Decision d : c.bodies(EntryBody.Decision.class)) {
      if (d.decision().toLowerCase(Locale.ROOT).startsWith("follow up") || d.decision().toLowerCase(Locale.ROOT).startsWith("todo")) {
        items.add(d.decision());
      }
    }
    if (items.isEmpty()) {
      items.add("prevent recurrence of the root cause (owner, due date)");
    }
    list(b, items);
    return b.toString();
  }

  private static List<String> wentWell(Casefile c, List<ActionView> actions) {
    List<String> out = new ArrayList<>();
    if (actions.stream().anyMatch(v -> v.action().snapshotId() != null)) {
      out.add("evidence was snapshotted before mitigating");
    }
    actions.stream().filter(v -> v.effect() != null && v.effect().verdict() == EffectVerdict.HELPED)
        .forEach(v -> out.add("\"" + v.action().summary() + "\" was measured to help"));
    if (!c.bodies(EntryBody.StatusUpdate.class).isEmpty()) {
      out.add(c.bodies(EntryBody.StatusUpdate.class).size() + " status update(s) published");
    }
    c.hypotheses().values().stream().filter(h -> h.status() == HypothesisStatus.CONFIRMED)
        .forEach(h -> out.add("hypothesis confirmed: " + h.statement()));
    return out;
  }

  private static List<String> wentBadly(Casefile c, List<ActionView> actions, Instant now) {
    List<String> out = new ArrayList<>();
    long confounded = actions.stream().filter(ActionView::confounded).count();
    if (confounded > 0) {
      out.add(confounded + " actions overlapped, so their effects could not be told apart");
    }
    actions.stream().filter(v -> v.effect() != null && v.effect().verdict() == EffectVerdict.MADE_IT_WORSE)
        .forEach(v -> out.add("\"" + v.action().summary() + "\" made it worse"));
    actions.stream().filter(v -> v.action().kind() == ActionKind.MITIGATION && v.action().snapshotId() == null)
        .forEach(v -> out.add("\"" + v.action().summary() + "\" ran without an evidence snapshot"));
    c.hypotheses().values().stream().filter(h -> h.status() == HypothesisStatus.REFUTED)
        .forEach(h -> out.add("hypothesis refuted: " + h.statement()));
    if (c.bodies(EntryBody.StatusUpdate.class).isEmpty()) {
      out.add("no status update was published");
    }
    return out;
  }

  static String describe(EntryBody body) {
    return switch (body) {
      case EntryBody.Fact f -> f.statement();
      case EntryBody.Hypothesis h -> h.statement() + " [" + h.status().wireName() + "]"
          + (h.revises() == null ? "" : " (revises entry " + h.revises() + ")");
      case EntryBody.Action a -> a.kind().wireName() + ": " + a.summary() + " (window " + minutes(a.observationWindow())
          + (a.confounds().isEmpty() ? "" : "; overlaps " + a.confounds() + ", forced: " + a.forcedReason()) + ")";
      case EntryBody.Effect e -> "action " + e.action() + ": " + e.verdict().words();
      case EntryBody.Decision d -> d.decision() + (d.rationale() == null ? "" : " — " + d.rationale());
      case EntryBody.StatusChange s -> (s.from() == null ? "" : s.from().wireName() + " -> ") + s.to().wireName()
          + (s.reason() == null ? "" : " (" + s.reason() + ")");
      case EntryBody.StatusUpdate u -> "status update published (" + u.status().wireName() + ")";
      case EntryBody.Note n -> n.text();
      case EntryBody.RootCause r -> r.unknown() ? "root cause unknown: " + r.reason() : r.statement();
      case EntryBody.Snapshot s -> "evidence snapshot " + s.snapshotId() + " (" + s.reason() + ")";
    };
  }

  private static void list(StringBuilder b, List<String> items) {
    if (items.isEmpty()) {
      b.append("- nothing recorded\n");
    }
    items.forEach(i -> b.append("- ").append(md(i)).append('\n'));
    b.append('\n');
  }

  static String minutes(Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + " s" : (s / 60) + " min";
  }

  /** Keeps user text from breaking the document's structure: no headings or HTML from entries. */
  static String md(String s) {
    return s == null ? "" : s.replace("\r", " ").replace("\n", " ").replace("<", "&lt;");
  }
}
