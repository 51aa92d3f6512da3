package io.casefile.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The discipline, as rules over a casefile. Each check either returns the entry to append or
 * throws {@link RuleViolation} (the request conflicts with the casefile's state) or
 * {@link IllegalArgumentException} (the request itself is malformed).
 */
public final class IncidentRules {
  private IncidentRules() {}

  /**
   * Admits a proposed entry. A mitigation whose start falls in another mitigation's open
   * observation window is refused unless forced with a reason; a forced one lists the actions it
   * overlaps, which marks them all confounded.
   */
  public static EntryBody admit(Casefile c, EntryBody proposed, Instant now, boolean force, String reason) {
    return switch (proposed) {
      case EntryBody.Action a -> admitAction(c, a, now, force, reason);
      case EntryBody.Hypothesis h -> {
        if (h.revises() != null && !(c.entry(h.revises()).map(Entry::body).orElse(null)
            instanceof EntryBody.Hypothesis)) {
          throw new RuleViolation("unknown_entry", "revises: entry " + h.revises() + " of " + c.incident().id()
              + " is not a hypothesis");
        }
        yield h;
      }
      case EntryBody.Effect f -> {
        boolean isAction = c.entry(f.action()).map(Entry::body).orElse(null) instanceof EntryBody.Action;
        if (!isAction) {
          throw new RuleViolation("unknown_entry", "entry " + f.action() + " of " + c.incident().id() + " is not an action");
        }
        boolean measured = c.actions(now).stream().anyMatch(v -> v.seq() == f.action() && v.effect() != null);
        if (measured) {
          throw new RuleViolation("already_measured", "the effect of action " + f.action() + " is already recorded");
        }
        yield f;
      }
      case EntryBody.StatusChange s -> admitStatus(c, s.to(), s.reason());
      default -> proposed;
    };
  }

  /** Admits a status change: a valid transition, and resolving needs a root-cause entry. */
  public static EntryBody.StatusChange admitStatus(Casefile c, IncidentStatus next, String reason) {
    IncidentStatus current = c.status();
    if (!current.canMoveTo(next)) {
      String hint = current == IncidentStatus.RESOLVED ? "a resolved incident stays resolved; open a new one"
          : current == next ? "the incident is already " + next.wireName()
          : "from " + current.wireName() + " the status can move forward, or back to investigating or "
              + "identified from mitigated or monitoring";
      throw new RuleViolation("invalid_transition",
          "cannot move " + c.incident().id() + " from " + current.wireName() + " to " + next.wireName() + ": " + hint);
    }
    if (next == IncidentStatus.RESOLVED && c.rootCause().isEmpty()) {
      throw new RuleViolation("root_cause_required", "cannot resolve " + c.incident().id()
          + " without a root cause: mitigated is not resolved. Add a root_cause entry, or one with "
          + "\"unknown\": true, a reason and a follow_up");
    }
    return new EntryBody.StatusChange(current, next, reason);
  }

  private static EntryBody.Action admitAction(
      Casefile c, EntryBody.Action a, Instant now, boolean force, String reason) {
    if (force && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("force needs a reason: say why two changes must overlap");
    }
    if (a.kind() != ActionKind.MITIGATION) {
      return a;
    }
    List<ActionView> open = c.actions(now).stream()
        .filter(v -> v.action().kind() == ActionKind.MITIGATION && v.windowOpenAt(now))
        .toList();
    if (open.isEmpty()) {
      return a;
    }
    if (!force) {
      ActionView first = open.get(0);
      Duration left = Duration.between(now, first.windowEnd());
      throw new RuleViolation("overlapping_change", "one change at a time: mitigation " + first.seq()
          + " (\"" + first.action().summary() + "\") is in its observation window until " + first.windowEnd()
          + " (" + left.toSeconds() + " s left). Wait for its effect to be measured, or force this one with a "
          + "reason; both will then be marked confounded");
    }
    return a.withOverlap(reason, open.stream().map(ActionView::seq).toList(), a.snapshotId());
  }
}
