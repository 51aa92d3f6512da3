package io.casefile.store.signals;

import io.casefile.analysis.rootcause.CallStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequences of calls each span made, as SQL over the sampled spans {@code s} of
 * {@link SelectOwnTimesAndCalls} (so both read the same traces in one scan): per bucket and service
 * operation, how many of its spans made each sequence — their children in start order, each child
 * named by the service and operation it called (the child itself when it runs in another service,
 * else its first child in another service: the server span under a client span), or by its own name
 * when it called no other service.
 */
final class SelectCallSequences {
  /** Separates the steps of a sequence, and a step's service from its operation, in the {@code steps} text. */
  private static final char STEP = 31;
  private static final char PART = 30;

  /** CTEs over {@code s(trace_id, span_id, parent_span_id, service, operation, start_time, b)}; the last, {@code seq}, has one row per parent span. */
  static final String CTES = "edge AS (\n  SELECT p.trace_id, p.span_id AS parent_id, p.b, p.service AS parent_service,"
      + " p.operation AS parent_operation, c.span_id, c.start_time, c.service, c.operation\n"
      + "  FROM s c JOIN s p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id WHERE c.span_id <> p.span_id),\n"
      + "remote AS (\n  SELECT trace_id, parent_id AS span_id, arg_min(service || chr(30) || operation, start_time) AS target\n"
      + "  FROM edge WHERE service <> parent_service GROUP BY ALL),\n"
      + "seq AS (\n  SELECT e.b, e.parent_service AS service, e.parent_operation AS operation,"
      + " string_agg(CASE WHEN e.service <> e.parent_service THEN e.service || chr(30) || e.operation"
      + " ELSE coalesce(r.target, chr(30) || e.operation) END, chr(31) ORDER BY e.start_time, e.span_id) AS steps\n"
      + "  FROM edge e LEFT JOIN remote r ON r.trace_id = e.trace_id AND r.span_id = e.span_id\n"
      + "  GROUP BY e.trace_id, e.parent_id, e.b, e.parent_service, e.parent_operation)";

  private SelectCallSequences() {}

  /** The steps of one {@code steps} text. */
  static List<CallStep> steps(String text) {
    List<CallStep> out = new ArrayList<>();
    for (String step : text.split(String.valueOf(STEP), -1)) {
      int at = step.indexOf(PART);
      String callee = at <= 0 ? null : step.substring(0, at);
      out.add(new CallStep(callee, at < 0 ? step : step.substring(at + 1)));
    }
    return out;
  }
}
