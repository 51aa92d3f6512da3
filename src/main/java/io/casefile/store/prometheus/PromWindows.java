package io.casefile.store.prometheus;

import io.casefile.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts over windows as one PromQL query: each part is an {@code increase} over its own window,
 * shifted with {@code offset} to end where its window ends, and tagged with a {@code casefile_part}
 * label, the parts joined with {@code or}. Window edges snap to the data's step, so that a window
 * holds whole steps: with samples on the step grid the increase is exact, not extrapolated.
 */
final class PromWindows {
  static final String PART = "casefile_part";

  private final Duration step;
  private final List<String> parts = new ArrayList<>();
  private Instant at;

  PromWindows(Duration step) {
    this.step = step;
  }

  /** The instant on the step grid nearest to {@code t}. */
  Instant snap(Instant t) {
    long s = step.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli() + s / 2, s) * s);
  }

  /** Whether the range holds at least one whole step once snapped. */
  boolean covers(TimeRange range) {
    return snap(range.to()).isAfter(snap(range.from()));
  }

  /** The time every part is evaluated at: the latest window end. */
  Instant at(List<TimeRange> windows) {
    Instant a = null;
    for (TimeRange w : windows) {
      Instant e = snap(w.to());
      a = a == null || e.isAfter(a) ? e : a;
    }
    at = a;
    return a;
  }

  /**
   * {@code sum by (by) (increase(selector[W] offset O))} for the window, minus the same over
   * {@code minus} when given (requests above a histogram bucket). {@link #at} must be set first.
   */
  String increase(TimeRange window, String selector, String minus, List<String> by) {
    Instant from = snap(window.from());
    Instant to = snap(window.to());
    Duration w = Duration.between(from, to);
    Duration offset = Duration.between(to, at);
    String range = "[" + PromQl.duration(w) + "]" + (offset.isZero() ? "" : " offset " + PromQl.duration(offset));
    String e = "sum" + PromQl.by(by) + "(increase(" + selector + range + "))";
    if (minus != null) {
      e = e + " - " + "sum" + PromQl.by(by) + "(increase(" + minus + range + "))";
    }
    return e;
  }

  /** Adds a part named {@code name}. */
  PromWindows part(String name, String expr) {
    parts.add("label_replace(" + expr + ", \"" + PART + "\", \"" + name + "\", \"\", \"\")");
    return this;
  }

  String query() {
    return String.join("\n  or ", parts);
  }
}
