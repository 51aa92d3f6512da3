package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import io.casefile.model.TimeRange;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests a signal examines in each window: the most recent ones meeting a condition (failed,
 * or slow), at most {@code maxTraces} in the incident and a quarter as many in the baseline, found
 * with a top-n per window. Examining a recent slice instead of a spread
 * sample keeps the work bounded and lets the spans of the examined traces be read from a narrow
 * time range, which DuckDB prunes by row group; the evidence says which slice was examined.
 */
final class RecentSample {
  /** One window's slice: requests from {@code first} to the window's end, ending by {@code lastEnd}. */
  record Slice(TimeRange window, long requests, Instant first, Instant lastEnd) {
    boolean empty() {
      return requests == 0;
    }
  }

  final Slice baseline;
  final Slice incident;
  private final String sql;

  private RecentSample(Slice baseline, Slice incident, String sql) {
    this.baseline = baseline;
    this.incident = incident;
    this.sql = sql;
  }

  /**
   * Finds the slices: {@code condition} selects the requests (e.g. {@code is_error}), one fragment
   * per window (baseline, incident) so each may bind its own values. Each window is searched
   * backwards from its end in ranges growing fourfold from {@link #FIRST_PROBE}, so finding the
   * most recent requests reads about as much as the slice itself, not the whole window; the answer
   * is the same as a top-n over the whole window.
   */
  static RecentSample find(Connection db, SignalRequest r, SpanSql.Fragment baselineCondition,
      SpanSql.Fragment incidentCondition) {
    StringBuilder sql = new StringBuilder();
    Slice b = probe(db, r, r.baseline(), baselineCondition, r.baselineMaxTraces(), sql);
    sql.append(";\n");
    Slice i = probe(db, r, r.incident(), incidentCondition, r.maxTraces(), sql);
    return new RecentSample(b, i, sql.toString());
  }

  static final Duration FIRST_PROBE = Duration.ofSeconds(10);

  private static Slice probe(Connection db, SignalRequest r, TimeRange window, SpanSql.Fragment condition,
      int limit, StringBuilder sql) {
    Duration reach = FIRST_PROBE;
    while (true) {
      Instant from = window.to().minus(reach);
      boolean whole = !from.isAfter(window.from());
      TimeRange range = whole ? window : new TimeRange(from, window.to());
      BoundQuery q = slice(r, range, condition, limit);
      Slice s = q.rows(db, rs -> {
        long n = rs.getLong("n");
        return n == 0 ? new Slice(window, 0, null, null) : new Slice(window, n,
            Sql.instantOfMicros(rs.getObject("first_us")), Sql.instantOfMicros(rs.getObject("end_us")));
      }).get(0);
      if (whole || s.requests() >= limit) {
        sql.append(q);
        return s;
      }
      reach = reach.multipliedBy(4);
    }
  }

  private static BoundQuery slice(SignalRequest r, TimeRange range, SpanSql.Fragment condition, int limit) {
    return new BoundQuery.Builder()
        .sql("SELECT count(*) AS n, epoch_us(min(start_time)) AS first_us,"
            + " epoch_us(max(start_time + to_microseconds(duration_us))) AS end_us\n"
            + "FROM (SELECT start_time, duration_us FROM spans WHERE ")
        .sql(SpanSql.flowRequests(r.flow())).sql(" AND ").sql(condition)
        .sql(" AND start_time >= ").value(range.from()).sql(" AND start_time < ").value(range.to())
        .sql(" ORDER BY start_time DESC, span_id DESC LIMIT ").value(limit).sql(")")
        .build();
  }

  /** At most this many examined requests per window: the row's window decides. */
  static SpanSql.Fragment cap(SignalRequest r) {
    return new SpanSql.Fragment("(CASE WHEN w = 'incident' THEN ? ELSE ? END)",
        List.of(r.maxTraces(), r.baselineMaxTraces()));
  }

  /** The examined requests' start times: from each slice's first request to its window's end. */
  SpanSql.Fragment examined(String column) {
    return ranges(column, baseline.first(), baseline.window().to(), incident.first(), incident.window().to());
  }

  /** Where the examined requests' spans lie, with {@link SpanSql#SLACK} on both sides. */
  SpanSql.Fragment spans(String column) {
    return ranges(column,
        baseline.empty() ? null : baseline.first().minus(SpanSql.SLACK),
        baseline.empty() ? null : baseline.lastEnd().plus(SpanSql.SLACK),
        incident.empty() ? null : incident.first().minus(SpanSql.SLACK),
        incident.empty() ? null : incident.lastEnd().plus(SpanSql.SLACK));
  }

  private SpanSql.Fragment ranges(String column, Instant bFrom, Instant bTo, Instant iFrom, Instant iTo) {
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (!baseline.empty()) {
      parts.add("(" + column + " >= ? AND " + column + " < ?)");
      params.add(bFrom);
      params.add(bTo);
    }
    if (!incident.empty()) {
      parts.add("(" + column + " >= ? AND " + column + " < ?)");
      params.add(iFrom);
      params.add(iTo);
    }
    return new SpanSql.Fragment(parts.isEmpty() ? "FALSE" : "(" + String.join(" OR ", parts) + ")", params);
  }

  /** How the incident's slice was chosen, for a claim. */
  String describeIncident() {
    return incident.empty() ? "none" : "the most recent, from " + incident.first();
  }

  @Override
  public String toString() {
    return sql;
  }
}
