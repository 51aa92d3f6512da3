package io.casefile.comms;

import io.casefile.incident.ActionView;
import io.casefile.incident.Casefile;
import io.casefile.incident.ContainmentAdvice;
import io.casefile.incident.Entry;
import io.casefile.incident.EntryBody;
import io.casefile.incident.HypothesisStatus;
import io.casefile.incident.IncidentStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Drafts a status update from the casefile: what is published is status, impact, what we know
 * (facts and measured effects), what we suspect (open and supported hypotheses), what we are doing
 * (actions in their windows), the next decision and when the next update comes. Pure.
 */
public final class StatusDrafter {
  static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  static final int MAX_ITEMS = 5;

  private StatusDrafter() {}

  public static StatusDraft draft(Casefile c, ContainmentAdvice advice, Instant now) {
    var incident = c.incident();
    IncidentStatus status = c.status();
    String impact = incident.symptom().description().isBlank() ? incident.title() : incident.symptom().description();

    List<String> know = new ArrayList<>();
    for (Entry e : c.entries()) {
      if (e.body() instanceof EntryBody.Fact f) {
        know.add(f.statement());
      } else if (e.body() instanceof EntryBody.RootCause r) {
        know.add("root cause: " + r.statement());
      }
    }
    List<ActionView> actions = c.actions(now);
    for (ActionView v : actions) {
      if (v.effect() != null) {
        know.add("\"" + v.action().summary() + "\" " + v.effect().verdict().words() + ": " + v.effect().explanation());
      }
    }
    List<String> suspect = new ArrayList<>();
    c.hypotheses().values().forEach(h -> {
      if (h.status() == HypothesisStatus.OPEN || h.status() == HypothesisStatus.SUPPORTED) {
        suspect.add(h.statement() + " (" + h.status().wireName() + ")");
      } else if (h.status() == HypothesisStatus.CONFIRMED) {
        know.add("confirmed: " + h.statement());
      }
    });
    List<String> doing = new ArrayList<>();
    String nextDecision = null;
    for (ActionView v : actions) {
      if (v.state().equals(ActionView.OBSERVING)) {
        doing.add(v.action().summary() + " (started " + HHMM.format(v.at()) + ", observing until "
            + HHMM.format(v.windowEnd()) + (v.confounded() ? "; overlaps another change" : "") + ")");
        if (nextDecision == null) {
          nextDecision = "at " + HHMM.format(v.windowEnd()) + ": judge \"" + v.action().summary()
              + "\" by its measured effect";
        }
      } else if (v.state().equals(ActionView.AWAITING_MEASUREMENT)) {
        doing.add("measuring the effect of " + v.action().summary());
      }
    }
    if (nextDecision == null) {
      nextDecision = switch (status) {
        case INVESTIGATING, IDENTIFIED -> advice != null && "mitigate_first".equals(advice.recommendation())
            && !advice.candidates().isEmpty()
            ? "whether to " + advice.candidates().get(0).action()
            : "which suspect to test next";
        case MITIGATED -> "whether the mitigation holds, to move to monitoring";
        case MONITORING -> "whether to resolve (needs the root cause)";
        case RESOLVED -> "none: resolved";
      };
    }
    if (doing.isEmpty()) {
      doing.add(status == IncidentStatus.RESOLVED ? "writing the postmortem" : "investigating");
    }
    UpdateCadence cadence = UpdateCadence.of(c, now);
    Instant nextUpdate = status == IncidentStatus.RESOLVED ? null : now.plus(cadence.cadence());
    String text = render(c, status, impact, last(know), last(suspect), doing, nextDecision, nextUpdate);
    return new StatusDraft(incident.id(), incident.title(), incident.severity().name(), status.wireName(), impact,
        last(know), last(suspect), doing, nextDecision, nextUpdate, text);
  }

  private static List<String> last(List<String> items) {
    return items.size() <= MAX_ITEMS ? items : items.subList(items.size() - MAX_ITEMS, items.size());
  }

  private static String render(Casefile c, IncidentStatus status, String impact, List<String> know,
      List<String> suspect, List<String> doing, String nextDecision, Instant nextUpdate) {
    StringBuilder b = new StringBuilder();
    b.append('[').append(c.incident().severity()).append("] ").append(c.incident().id()).append(' ')
        .append(c.incident().title()).append(" — ").append(status.wireName().toUpperCase(java.util.Locale.ROOT))
        .append('\n');
    b.append("Impact: ").append(impact).append('\n');
    section(b, "What we know", know);
    section(b, "What we suspect", suspect);
    section(b, "What we are doing", doing);
    b.append("Next decision: ").append(nextDecision).append('\n');
    b.append("Next update: ").append(nextUpdate == null ? "none (resolved)" : "by " + HHMM.format(nextUpdate)).append('\n');
    return b.toString();
  }

  private static void section(StringBuilder b, String title, List<String> items) {
    b.append(title).append(':');
    if (items.isEmpty()) {
      b.append(" nothing yet\n");
      return;
    }
    b.append('\n');
    items.forEach(i -> b.append("- ").append(i).append('\n'));
  }
}
