package io.casefile.store.signals;

import io.casefile.analysis.rootcause.Buckets;
import io.casefile.model.TimeRange;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.time.Duration;

/**
 * The log templates of each request, by the request's flow (Nezha's per-trace event patterns). A
 * trace's flow is its first span's service and operation, then the first span of another service
 * (behind a gateway, the service that answered). Per bucket of its first span, flow and service
 * operation that logged: how many traces ran the operation (held a span of it), and per template
 * logged on the operation's spans how many of them held a record of it, with the template's highest
 * severity and one example body. A template is named by its first {@link #HEAD_TOKENS} tokens
 * (records without a template by their body's). A record that only reports a failure deeper in its
 * trace is left out, as in {@link SelectLogBuckets}. Traces are sampled by the same hash of the
 * trace id as {@link SelectOwnTimesAndCalls}. At most {@code limit} rows, the traces' counts first.
 */
final class SelectFlowLogs {
  /**
   * A template is named by its first tokens: a message whose list of values varies in length
   * (Drain's templates split by token count) is still one event.
   */
  static final int HEAD_TOKENS = 8;

  private final BoundQuery query;

  SelectFlowLogs(TimeRange range, Duration bucket, int permille, int limit) {
    query = SelectLogBuckets.ctes(new BoundQuery.Builder().sql("WITH RECURSIVE\n"), range, bucket)
        .sql(",\ns AS MATERIALIZED (\n  SELECT trace_id, span_id, service, operation, start_time FROM spans WHERE ")
        .sql(SpanSql.sampledTraces(range, permille))
        .sql("),\nroot AS (\n  SELECT trace_id, arg_min(service, start_time) AS service, arg_min(operation, start_time) AS operation,"
            + " min(start_time) AS t0 FROM s GROUP BY trace_id),\n"
            + "answered AS (\n  SELECT s.trace_id, arg_min(s.service || ' ' || s.operation, s.start_time) AS first\n"
            + "  FROM s JOIN root r ON r.trace_id = s.trace_id WHERE s.service <> r.service GROUP BY s.trace_id),\n"
            + "flow AS MATERIALIZED (\n  SELECT r.trace_id, (epoch_us(r.t0) - ")
        .value(Sql.micros(range.from())).sql(") // ").value(bucket.toNanos() / 1000)
        .sql(" AS b,\n    r.service || ' ' || r.operation || coalesce(' > ' || a.first, '') AS flow\n"
            + "  FROM root r LEFT JOIN answered a ON a.trace_id = r.trace_id),\n"
            + "ev AS (\n  SELECT f.trace_id, f.b, f.flow, o.service, o.operation,"
            + " array_to_string(string_split(trim(coalesce(t.template, l.body)), ' ')[1:" + HEAD_TOKENS + "], ' ') AS template,"
            + " l.severity, l.body\n"
            + "  FROM flow f JOIN l ON l.trace_id = f.trace_id JOIN s o ON o.trace_id = l.trace_id AND o.span_id = l.span_id\n"
            + "  LEFT JOIN log_templates t ON t.id = l.template_id\n  WHERE " + SelectLogBuckets.NOT_REPORTED)
        .sql("),\nheld AS (\n  SELECT b, flow, service, operation, template, max(severity) AS severity, min(body) AS example FROM ev"
            + " GROUP BY trace_id, b, flow, service, operation, template)\n"
            + "SELECT 0 AS row_kind, f.b, f.flow, r.service, r.operation, NULL AS template, count(*) AS n, NULL AS severity,"
            + " NULL AS example\nFROM flow f JOIN (SELECT DISTINCT trace_id, service, operation FROM s"
            + " WHERE (service, operation) IN (SELECT service, operation FROM held)) r ON r.trace_id = f.trace_id GROUP BY ALL\n"
            + "UNION ALL SELECT 1, b, flow, service, operation, template, count(*), max(severity), min(example) FROM held GROUP BY ALL\n"
            + "ORDER BY row_kind, flow, service, operation, template, b LIMIT ").value(limit)
        .build();
  }

  void run(Connection db, Buckets into) {
    query.rows(db, rs -> {
      int b = (int) rs.getLong("b");
      if (rs.getInt("row_kind") == 0) {
        into.flowTraces(rs.getString("flow"), rs.getString("service"), rs.getString("operation"), b, rs.getLong("n"));
      } else {
        String example = rs.getString("example");
        into.flowLog(rs.getString("flow"), rs.getString("service"), rs.getString("operation"), rs.getString("template"),
            example == null ? "" : example, rs.getInt("severity"), b, rs.getLong("n"));
      }
      return null;
    });
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
