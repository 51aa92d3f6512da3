package io.casefile.analysis.traces;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Self-time of spans: a span's duration minus the sum of its direct children's durations, floored
 * at zero (an approximation of "duration minus the children's overlap" that needs no interval
 * arithmetic and is what the SQL query computes).
 */
public final class SelfTimes {
  private SelfTimes() {}

  /** A span and its self-time in microseconds. */
  public record SelfTime(TraceSpan span, long selfMicros) {}

  /** Self-times of {@code root} and every span below it, root first. */
  public static List<SelfTime> ofSubtree(Collection<TraceSpan> trace, TraceSpan root) {
    TraceTree tree = new TraceTree(trace);
    List<SelfTime> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    record Visit(TraceSpan span, int depth) {}
    Deque<Visit> todo = new ArrayDeque<>();
    todo.push(new Visit(root, 0));
    while (!todo.isEmpty()) {
      Visit v = todo.pop();
      if (!seen.add(v.span().spanId())) {
        continue;
      }
      List<TraceSpan> children = tree.children(v.span());
      long childSum = 0;
      for (TraceSpan c : children) {
        childSum += c.durationMicros();
      }
      out.add(new SelfTime(v.span(), Math.max(0, v.span().durationMicros() - childSum)));
      if (v.depth() < TraceTree.MAX_DEPTH) {
        for (int i = children.size() - 1; i >= 0; i--) {
          todo.push(new Visit(children.get(i), v.depth() + 1));
        }
      }
    }
    return out;
  }
}
