package io.casefile.logs;

import io.casefile.analysis.logs.TemplateWindowCount;
import io.casefile.model.TimeRange;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The log queries an investigation needs, over the {@code logs} and {@code log_templates} tables
 * of docs/storage.md. Values are bound parameters; each result carries the SQL with the values
 * inlined, so evidence can show the query that reproduces it.
 */
public final class LogTemplateQueries {
  private final Connection connection;

  public LogTemplateQueries(Connection connection) {
    if (connection == null) {
      throw new IllegalArgumentException("a store connection is required");
    }
    this.connection = connection;
  }

  /** Per-template counts in the two windows, and the SQL that produced them. */
  public record WindowCounts(List<TemplateWindowCount> counts, String sql) {
    public WindowCounts {
      counts = List.copyOf(counts);
    }
  }

  /** Trace ids carried by one template's records in a window (hex), and the SQL that produced them. */
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
  public WindowCounts templateCounts(Optional<String> service, TimeRange baseline, TimeRange incident)
      throws SQLException {
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
      params.add(SqlText.utc(baseline.from()));
      params.add(SqlText.utc(baseline.to()));
      params.add(SqlText.utc(incident.from()));
      params.add(SqlText.utc(incident.to()));
    }
    service.ifPresent(params::add);
    List<TemplateWindowCount> counts = new ArrayList<>();
    try (PreparedStatement st = prepare(sql, params); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        counts.add(new TemplateWindowCount(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return new WindowCounts(counts, SqlText.inline(sql, params));
  }

  /**
   * The trace ids of one template's records in a window (earliest first, at most {@code limit}),
   * with how many of its records carry a trace id at all.
   */
  public TraceSample traceSample(long templateId, Optional<String> service, TimeRange window, int limit)
      throws SQLException {
    if (service == null || window == null) {
      throw new IllegalArgumentException("service (or empty) and window are required");
    }
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("trace sample limit must be in 1..10000, got " + limit);
    }
    String where = "WHERE template_id = ? AND \"time\" >= ? AND \"time\" < ?"
        + (service.isPresent() ? " AND service = ?" : "");
    List<Object> params = new ArrayList<>(List.of(templateId, SqlText.utc(window.from()), SqlText.utc(window.to())));
    service.ifPresent(params::add);
    String totals = "SELECT count(*), count(trace_id), count(DISTINCT trace_id) FROM logs " + where;
    String sample = "SELECT trace_id FROM logs " + where + " AND trace_id IS NOT NULL\n"
        + "GROUP BY trace_id ORDER BY min(\"time\"), trace_id LIMIT " + limit;
    long records;
    long withTrace;
    long distinct;
    try (PreparedStatement st = prepare(totals, params); ResultSet rs = st.executeQuery()) {
      rs.next();
      records = rs.getLong(1);
      withTrace = rs.getLong(2);
      distinct = rs.getLong(3);
    }
    List<String> ids = new ArrayList<>();
    try (PreparedStatement st = prepare(sample, params); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        ids.add(hex(rs.getObject(1)));
      }
    }
    return new TraceSample(templateId, records, withTrace, distinct, ids,
        SqlText.inline(totals, params) + ";\n" + SqlText.inline(sample, params));
  }

  private PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
    PreparedStatement st = connection.prepareStatement(sql);
    for (int i = 0; i < params.size(); i++) {
      st.setObject(i + 1, params.get(i));
    }
    return st;
  }

  /** Formats a stored id as lowercase hex, whatever fixed-width type the store chose. */
  static String hex(Object id) {
    if (id instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    if (id instanceof UUID u) {
      return u.toString().replace("-", "");
    }
    if (id instanceof BigInteger big) {
      String h = big.signum() < 0 ? big.add(BigInteger.ONE.shiftLeft(128)).toString(16) : big.toString(16);
      return "0".repeat(Math.max(0, 32 - h.length())) + h;
    }
    if (id instanceof java.sql.Blob blob) {
      try {
        return HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read trace id blob", e);
      }
    }
    return String.valueOf(id);
  }
}
