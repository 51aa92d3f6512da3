package io.casefile.analysis.traces;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The spans of one trace indexed by parent, with children in a stable order. */
final class TraceTree {
  /** Error paths and subtrees deeper than this are cut (guards against cyclic parent ids). */
  static final int MAX_DEPTH = 64;

  static final Comparator<TraceSpan> STABLE = Comparator.comparingLong(TraceSpan::startMicros)
      .thenComparing(TraceSpan::service)
      .thenComparing(TraceSpan::operation)
      .thenComparing(TraceSpan::spanId);

  private final Map<String, List<TraceSpan>> children = new HashMap<>();

  TraceTree(Collection<TraceSpan> spans) {
    for (TraceSpan s : spans) {
      if (s.parentSpanId() != null && !s.parentSpanId().equals(s.spanId())) {
        children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
      }
    }
    children.values().forEach(list -> list.sort(STABLE));
  }

  List<TraceSpan> children(TraceSpan parent) {
    return children.getOrDefault(parent.spanId(), List.of());
  }
}
