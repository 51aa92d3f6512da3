package io.casefile.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An incident and its whole log, with the state folded from it: the current status, the actions
 * with their windows and effects, the latest revision of each hypothesis, the root cause.
 * Immutable; appending returns a new casefile.
 */
public record Casefile(Incident incident, List<Entry> entries) {

  public Casefile {
    Objects.requireNonNull(incident, "incident");
    entries = List.copyOf(entries);
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).seq() != i + 1) {
        throw new IllegalArgumentException("entries of " + incident.id() + " must be numbered 1.."
            + entries.size() + " in order, found seq " + entries.get(i).seq() + " at position " + (i + 1));
      }
    }
  }

  public Casefile append(Instant at, String author, EntryBody body) {
    List<Entry> next = new ArrayList<>(entries);
    next.add(new Entry(entries.size() + 1L, at, author, body));
    return new Casefile(incident, next);
  }

  public long nextSeq() {
    return entries.size() + 1L;
  }

  public IncidentStatus status() {
    IncidentStatus s = IncidentStatus.INVESTIGATING;
    for (Entry e : entries) {
      if (e.body() instanceof EntryBody.StatusChange c) {
        s = c.to();
      }
    }
    return s;
  }

  /** When the status last changed (the opening time if it never did). */
  public Instant statusSince() {
    Instant at = incident.openedAt();
    for (Entry e : entries) {
      if (e.body() instanceof EntryBody.StatusChange) {
        at = e.at();
      }
    }
    return at;
  }

  public java.util.Optional<Entry> entry(long seq) {
    return seq >= 1 && seq <= entries.size() ? java.util.Optional.of(entries.get((int) seq - 1))
        : java.util.Optional.empty();
  }

  /** The latest root-cause entry, if any. */
  public java.util.Optional<EntryBody.RootCause> rootCause() {
    EntryBody.RootCause found = null;
    for (Entry e : entries) {
      if (e.body() instanceof EntryBody.RootCause r) {
        found = r;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  /** Every action with its state at {@code now}. */
  public List<ActionView> actions(Instant now) {
    Map<Long, EntryBody.Effect> effects = new LinkedHashMap<>();
    java.util.Set<Long> confoundedByLater = new java.util.HashSet<>();
    for (Entry e : entries) {
      if (e.body() instanceof EntryBody.Effect f) {
        effects.put(f.action(), f);
      } else if (e.body() instanceof EntryBody.Action a) {
        confoundedByLater.addAll(a.confounds());
      }
    }
    List<ActionView> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.body() instanceof EntryBody.Action a) {
        Instant end = e.at().plus(a.observationWindow());
        EntryBody.Effect effect = effects.get(e.seq());
        String state = effect != null ? ActionView.MEASURED
            : now.isBefore(end) ? ActionView.OBSERVING : ActionView.AWAITING_MEASUREMENT;
        boolean confounded = !a.confounds().isEmpty() || confoundedByLater.contains(e.seq());
        out.add(new ActionView(e.seq(), e.at(), e.author(), a, end, state, confounded, effect));
      }
    }
    return out;
  }

  /** Each hypothesis by its first entry's seq, as its latest revision states it. */
  public Map<Long, EntryBody.Hypothesis> hypotheses() {
    Map<Long, EntryBody.Hypothesis> out = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.body() instanceof EntryBody.Hypothesis h) {
        out.put(h.revises() == null ? e.seq() : rootOf(h.revises()), h);
      }
    }
    return out;
  }

  private long rootOf(long seq) {
    long s = seq;
    while (entries.get((int) s - 1).body() instanceof EntryBody.Hypothesis h && h.revises() != null) {
      s = h.revises();
    }
    return s;
  }

  /** The latest published status update, if any. */
  public java.util.Optional<Entry> lastStatusUpdate() {
    Entry found = null;
    for (Entry e : entries) {
      if (e.body() instanceof EntryBody.StatusUpdate) {
        found = e;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  public <T extends EntryBody> List<T> bodies(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Entry e : entries) {
      if (type.isInstance(e.body())) {
        out.add(type.cast(e.body()));
      }
    }
    return out;
  }
}
