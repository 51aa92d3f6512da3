package io.casefile.store.signals;

import io.casefile.analysis.logs.TemplateWindowCount;
import io.casefile.model.TimeRange;
import io.casefile.store.DuckDbStore;
import io.casefile.store.Queries;
import io.casefile.store.Sql;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log queries an investigation needs, over the {@code logs} and {@code log_templates} tables
 * of docs/storage.md. Values are bound parameters; each result carries the SQL with the values
 * inlined ({@link Sql#inline}), so evidence can show the query that reproduces it.
 */
public final class LogTemplateQueries {
  private final DuckDbStore store;
  private final Connection connection;

  /** Queries on fresh reader connections of the store. */
  public LogTemplateQueries(DuckDbStore store) {
    if (store == null) {
      throw new IllegalArgumentException("a store is required");
    }
    this.store = store;
    this.connection = null;
  }

  /** Queries on a reader connection the caller owns (and closes). */
  public LogTemplateQueries(Connection connection) {
    if (connection == null) {
      throw new IllegalArgumentException("a connection is required");
    }
    this.store = null;
    this.connection = connection;
  }

  private <T> T read(java.util.function.Function<Connection, T> query) {
    return connection != null ? query.apply(connection) : store.read(query);
  }

  /** Per-template counts in the two windows, and the SQL that produced them. */
  public record WindowCounts(List<TemplateWindowCount> counts, String sql) {
    public WindowCounts {
      counts = List.copyOf(counts);
    }
  }

  /**
   * Trace ids carried by one template's records in a window (32 hex characters, earliest first),
   * how many records there were and how many carried a trace id, and the SQL that produced them.
   */
  public record TraceSample(long templateId, long records, long recordsWithTrace, long distinctTraces,
      List<String> traceIds, String sql) {
    public TraceSample {
      traceIds = List.copyOf(traceIds);
    }
  }

  /**
   * Counts log records per template in a baseline and an incident window, for one service or
   * (empty) all services. Templates with no record in either window are absent.
   */
  public WindowCounts templateCounts(Optional<String> service, TimeRange baseline, TimeRange incident) {
    if (service == null || baseline == null || incident == null) {
      throw new IllegalArgumentException("service (or empty), baseline and incident windows are required");
    }
    String sql = "SELECT l.template_id, t.template,\n"
        + "  count(*) FILTER (WHERE l.\"time\" >= ? AND l.\"time\" < ?) AS baseline_count,\n"
        + "  count(*) FILTER (WHERE l.\"time\" >= ? AND l.\"time\" < ?) AS incident_count\n"
        + "FROM logs l JOIN log_templates t ON t.id = l.template_id\n"
        + "WHERE ((l.\"time\" >= ? AND l.\"time\" < ?) OR (l.\"time\" >= ? AND l.\"time\" < ?))"
        + (service.isPresent() ? "\n  AND l.service = ?" : "")
        + "\nGROUP BY l.template_id, t.template\nORDER BY l.template_id";
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      params.addAll(List.of(baseline.from(), baseline.to(), incident.from(), incident.to()));
    }
    service.ifPresent(params::add);
    List<TemplateWindowCount> counts = read(c -> query(c, sql, params, rs -> new TemplateWindowCount(
        rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))));
    return new WindowCounts(counts, Sql.inline(sql, params));
  }

  /**
   * The trace ids of one template's records in a window (earliest first, at most {@code limit}),
   * with how many of its records carry a trace id at all.
   */
  public TraceSample traceSample(long templateId, Optional<String> service, TimeRange window, int limit) {
    if (service == null || window == null) {
      throw new IllegalArgumentException("service (or empty) and window are required");
    }
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("trace sample limit must be in 1..10000, got " + limit);
    }
    String where = "WHERE template_id = ? AND \"time\" >= ? AND \"time\" < ?"
        + (service.isPresent() ? " AND service = ?" : "");
    List<Object> params = new ArrayList<>(List.of(templateId, window.from(), window.to()));
    service.ifPresent(params::add);
    String totals = "SELECT count(*), count(trace_id), count(DISTINCT trace_id) FROM logs " + where;
    String sample = "SELECT replace(CAST(trace_id AS VARCHAR), '-', '') AS trace_id FROM logs " + where
        + " AND trace_id IS NOT NULL\nGROUP BY trace_id ORDER BY min(\"time\"), trace_id LIMIT " + limit;
    long[] n = read(c -> query(c, totals, params, rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}))
        .get(0);
    List<String> ids = read(c -> query(c, sample, params, rs -> rs.getString(1)));
    return new TraceSample(templateId, n[0], n[1], n[2], ids,
        Sql.inline(totals, params) + ";\n" + Sql.inline(sample, params));
  }

  private static <T> List<T> query(Connection c, String sql, List<Object> params, Queries.RowMapper<T> mapper) {
    return Queries.list(c, sql, params, mapper);
  }

}
