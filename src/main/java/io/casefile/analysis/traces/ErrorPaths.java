package io.casefile.analysis.traces;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows erroring children down from a failed request span. The origin is the deepest erroring
 * span reached; ties go to the earliest start, then service, operation and span id — the same
 * order the SQL query uses, so both give the same answer.
 */
public final class ErrorPaths {
  private ErrorPaths() {}

  /** The error path below {@code request}; empty when the request span is not an error. */
  public static Optional<ErrorPath> follow(Collection<TraceSpan> trace, TraceSpan request) {
    if (!request.error()) {
      return Optional.empty();
    }
    TraceTree tree = new TraceTree(trace);
    record Visit(TraceSpan span, int depth) {}
    Comparator<Visit> deeperFirst = Comparator.comparingInt((Visit v) -> -v.depth())
        .thenComparing(Visit::span, TraceTree.STABLE);
    Visit best = new Visit(request, 0);
    Set<String> services = new TreeSet<>();
    Set<String> seen = new HashSet<>();
    Deque<Visit> todo = new ArrayDeque<>();
    todo.push(best);
    while (!todo.isEmpty()) {
      Visit v = todo.pop();
      if (!seen.add(v.span().spanId())) {
        continue;
      }
      services.add(v.span().service());
      if (deeperFirst.compare(v, best) < 0) {
        best = v;
      }
      if (v.depth() >= TraceTree.MAX_DEPTH) {
        continue;
      }
      for (TraceSpan child : tree.children(v.span())) {
        if (child.error()) {
          todo.push(new Visit(child, v.depth() + 1));
        }
      }
    }
    return Optional.of(new ErrorPath(request, best.span(), best.depth(), services));
  }
}
