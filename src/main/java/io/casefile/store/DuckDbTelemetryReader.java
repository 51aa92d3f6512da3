package io.casefile.store;

import io.casefile.model.SignalSpec;
import io.casefile.model.SignalRequest;
import io.casefile.analysis.logs.TemplateWindowCount;
import io.casefile.analysis.metrics.MetricPoint;
import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.traces.PeerBucket;
import io.casefile.analysis.signature.SignatureCount;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.signals.LogTemplateQueries;
import io.casefile.store.signals.SignalQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link TelemetryReader} over the DuckDB tables of docs/storage.md. Identifiers are quoted,
 * values bound; every answer carries its SQL with the values inlined.
 */
public final class DuckDbTelemetryReader implements TelemetryReader {
  private static final Set<String> FIXED = Set.of("trace_id", "span_id", "parent_span_id", "start_time",
      "duration_us", "kind", "name", "status", "status_message", "service", "operation", "is_request", "is_error");
  private static final List<String> USER_COLUMNS = List.of("enduser.id", "user.id", "user_id", "customer.id");
  private static final List<String> SIGNATURE_COLUMNS = List.of("http.response.status_code", "rpc.grpc.status_code",
      "error.type", "exception.type");
  /** Above this many requests, cardinality is estimated on a fixed sample of span ids. */
  private static final long SAMPLE_ABOVE = 300_000;

  private final Connection connection;
  private io.casefile.store.SpanAttributes attributes;

  public DuckDbTelemetryReader(Connection connection) {
    this.connection = java.util.Objects.requireNonNull(connection, "connection");
  }

  /** Readers that all read on {@code connection}, which the caller owns. */
  public static TelemetryReaders on(Connection connection) {
    return TelemetryReaders.single(new DuckDbTelemetryReader(connection));
  }

  @Override
  public String name() {
    return "the embedded DuckDB store";
  }

  private io.casefile.store.SpanAttributes attributes() {
    if (attributes == null) {
      attributes = io.casefile.store.SpanAttributes.read(connection);
    }
    return attributes;
  }

  /** Every attribute key present, with a column of its own or in the attributes map. */
  private Set<String> columns() {
    return attributes().keys();
  }

  /** The SQL expression reading an attribute key. */
  private String column(String key) {
    return attributes().expression(key);
  }

  private static String flowWhere(Flow flow, TimeRange range, List<Object> params) {
    params.addAll(FlowRequests.params(flow));
    params.add(range.from());
    params.add(range.to());
    return FlowRequests.where(flow) + " AND start_time >= ? AND start_time < ?";
  }

  private static String badExpr(Bad bad) {
    return bad.isLatency() ? "duration_us > " + bad.thresholdMicros() : "is_error";
  }

  private String cohortWhere(Map<String, String> cohort, List<Object> params) {
    StringBuilder b = new StringBuilder();
    for (var e : new TreeMap<>(cohort).entrySet()) {
      if (!columns().contains(e.getKey())) {
        b.append(" AND false");
        continue;
      }
      if (NONE.equals(e.getValue())) {
        b.append(" AND ").append(column(e.getKey())).append(" IS NULL");
      } else {
        b.append(" AND ").append(column(e.getKey())).append(" = ?");
        params.add(e.getValue());
      }
    }
    return b.toString();
  }

  @Override
  public Measured<BucketSeries> series(Flow flow, Map<String, String> cohort, TimeRange range, Duration bucket,
      SignalSpec signal) {
    int n = buckets(range, bucket);
    List<Object> params = new ArrayList<>(List.of(io.casefile.store.Sql.micros(range.from()), bucket.toNanos() / 1000));
    String where = flowWhere(flow, range, params) + cohortWhere(cohort == null ? Map.of() : cohort, params);
    String quantile = signal.isLatency()
        ? "quantile_cont(duration_us, " + signal.quantile() + ") / 1000.0" : "NULL::DOUBLE";
    String sql = "SELECT (epoch_us(start_time) - ?) // ? AS bucket, count(*) AS requests,\n"
        + "  count(*) FILTER (WHERE is_error) AS errors, " + quantile + " AS value_ms\n"
        + "FROM spans WHERE " + where + "\nGROUP BY bucket ORDER BY bucket";
    long[] req = new long[n];
    long[] err = new long[n];
    double[] val = new double[n];
    Arrays.fill(val, Double.NaN);
    query(sql, params, rs -> {
      int b = (int) rs.getLong(1);
      if (b >= 0 && b < n) {
        req[b] = rs.getLong(2);
        err[b] = rs.getLong(3);
        double v = rs.getDouble(4);
        val[b] = rs.wasNull() ? Double.NaN : v;
      }
    });
    return new Measured<>(new BucketSeries(range.from(), bucket, req, err, val), Sql.inline(sql, params));
  }

  @Override
  public Measured<List<FlowSeries>> flowSeries(TimeRange range, Duration bucket, int maxFlows) {
    int n = buckets(range, bucket);
    List<Object> params = new ArrayList<>(List.of(io.casefile.store.Sql.micros(range.from()), bucket.toNanos() / 1000));
    String where = flowWhere(null, range, params);
    params.add(maxFlows);
    String sql = "WITH b AS (SELECT service, operation, (epoch_us(start_time) - ?) // ? AS bucket,\n"
        + "    count(*) AS requests, count(*) FILTER (WHERE is_error) AS errors,\n"
        + "    bool_or(parent_span_id IS NULL) AS entry\n"
        + "  FROM spans WHERE " + where + " GROUP BY ALL),\n"
        + "top AS (SELECT service, operation, bool_or(entry) AS entry FROM b GROUP BY ALL\n"
        + "  ORDER BY sum(requests) DESC, service, operation LIMIT ?)\n"
        + "SELECT b.service, b.operation, b.bucket, b.requests, b.errors, top.entry\n"
        + "FROM b JOIN top USING (service, operation) ORDER BY service, operation, bucket";
    Map<Flow, long[][]> acc = new TreeMap<>(java.util.Comparator.comparing(Flow::toString));
    java.util.Set<Flow> entries = new java.util.HashSet<>();
    query(sql, params, rs -> {
      Flow f = new Flow(rs.getString(1), rs.getString(2));
      long[][] a = acc.computeIfAbsent(f, k -> new long[2][n]);
      int b = (int) rs.getLong(3);
      if (b >= 0 && b < n) {
        a[0][b] = rs.getLong(4);
        a[1][b] = rs.getLong(5);
      }
      if (rs.getBoolean(6)) {
        entries.add(f);
      }
    });
    List<FlowSeries> out = new ArrayList<>();
    acc.forEach((f, a) -> out.add(
        new FlowSeries(f, entries.contains(f), new BucketSeries(range.from(), bucket, a[0], a[1], null))));
    return new Measured<>(out, Sql.inline(sql, params));
  }

  @Override
  public Measured<List<Flow>> flows() {
    String sql = "SELECT DISTINCT service, operation FROM spans WHERE is_request ORDER BY service, operation";
    List<Flow> out = new ArrayList<>();
    query(sql, List.of(), rs -> out.add(new Flow(rs.getString(1), rs.getString(2))));
    return new Measured<>(out, sql);
  }

  @Override
  public Measured<Counts> counts(Flow flow, TimeRange range, Bad bad, double quantile) {
    List<Object> params = new ArrayList<>();
    String where = flowWhere(flow, range, params);
    String q = quantile > 0 ? "quantile_cont(duration_us, " + quantile + ") / 1000.0" : "NULL::DOUBLE";
    String sql = "SELECT count(*), count(*) FILTER (WHERE " + badExpr(bad) + "), " + q
        + "\nFROM spans WHERE " + where;
    Counts[] out = new Counts[1];
    query(sql, params, rs -> {
      double v = rs.getDouble(3);
      out[0] = new Counts(rs.getLong(1), rs.getLong(2), rs.wasNull() ? Double.NaN : v);
    });
    return new Measured<>(out[0], Sql.inline(sql, params));
  }

  /**
   * The failure's own consequences (status, error and exception fields, as the OpenTelemetry
   * semantic conventions name them) are its signature, not cohorts; every other attribute is a
   * candidate that the data accepts or not.
   */
  static boolean consequence(String column) {
    String c = column.toLowerCase(Locale.ROOT);
    return FIXED.contains(c) || SIGNATURE_COLUMNS.contains(c) || c.startsWith("exception.")
        || c.startsWith("otel.status_") || c.equals("error") || c.equals("status_message")
        || c.equals("http.response.status_code") || c.equals("rpc.grpc.status_code") || c.equals("error.message");
  }

  @Override
  public Measured<List<AttributeStat>> attributeStats(Flow flow, TimeRange range) {
    List<String> cols = attributes().columnKeys().stream().filter(c -> !consequence(c)).toList();
    if (cols.isEmpty() && !attributes().hasMap()) {
      return new Measured<>(List.of(), "-- no attribute columns in spans");
    }
    long total = counts(flow, range, Bad.ERRORS, 0).value().requests();
    // a fixed share of span ids (random 64-bit numbers), so the same data gives the same sample on any number of threads
    int percent = total > SAMPLE_ABOVE ? Math.max(1, Math.min(100, (int) Math.ceil(100.0 * SAMPLE_ABOVE / total))) : 100;
    String sample = percent < 100 ? " AND span_id % 100 < " + percent : "";
    List<Object> params = new ArrayList<>();
    String where = flowWhere(flow, range, params) + sample;
    StringBuilder sel = new StringBuilder("SELECT count(*)");
    for (String c : cols) {
      sel.append(",\n  approx_count_distinct(").append(column(c)).append("), count(").append(column(c)).append(")");
    }
    String sql = sel + "\nFROM spans WHERE " + where;
    List<AttributeStat> stats = new ArrayList<>();
    long[] requests = {0};
    query(sql, params, rs -> {
      long n = rs.getLong(1);
      requests[0] = n;
      for (int i = 0; i < cols.size(); i++) {
        long present = rs.getLong(3 + 2 * i);
        long d = present == 0 ? 0 : Math.min(present, rs.getLong(2 + 2 * i));
        stats.add(new AttributeStat(cols.get(i), d + (present < n ? 1 : 0), present, n));
      }
    });
    String mapSql = "";
    if (attributes().hasMap()) {
      // keys held in the attributes map: only those on enough of the flow's requests come back
      List<Object> mapParams = new ArrayList<>();
      String m = io.casefile.store.SpanAttributes.mapColumn();
      mapSql = "SELECT k, approx_count_distinct(v), count(*) FROM (SELECT unnest(map_keys(" + m + ")) AS k, "
          + "unnest(map_values(" + m + ")) AS v FROM spans WHERE " + flowWhere(flow, range, mapParams) + sample
          + " AND " + m + " IS NOT NULL)\nGROUP BY k HAVING count(*) >= ? ORDER BY k";
      mapParams.add((long) Math.ceil(MIN_COVERAGE * requests[0]));
      Set<String> columnKeys = attributes().columnKeys();
      query(mapSql, mapParams, rs -> {
        String k = rs.getString(1);
        long present = rs.getLong(3);
        long n = requests[0];
        if (n > 0 && !columnKeys.contains(k) && !consequence(k)) {
          long d = Math.min(present, rs.getLong(2));
          stats.add(new AttributeStat(k, d + (present < n ? 1 : 0), present, n));
        }
      });
      mapSql = ";\n" + Sql.inline(mapSql, mapParams);
    }
    return new Measured<>(stats, Sql.inline(sql, params) + mapSql);
  }

  @Override
  public Measured<List<ValueCount>> valueCounts(Flow flow, List<String> attributes, TimeRange baseline,
      TimeRange incident, Bad bad, int perAttribute) {
    if (attributes.isEmpty()) {
      return new Measured<>(List.of(), "-- no attributes");
    }
    List<Object> params = new ArrayList<>();
    params.add(incident.from());
    StringBuilder cols = new StringBuilder();
    for (int i = 0; i < attributes.size(); i++) {
      requireColumn(attributes.get(i));
      cols.append(", ").append(column(attributes.get(i))).append(" AS a").append(i); // keys may differ only in case
    }
    TimeRange span = new TimeRange(min(baseline.from(), incident.from()), max(baseline.to(), incident.to()));
    String where = flowWhere(flow, span, params);
    // one aggregation with a grouping set per attribute: the rows are read and filtered once
    StringBuilder sets = new StringBuilder();
    StringBuilder which = new StringBuilder("CASE");
    StringBuilder value = new StringBuilder("CASE");
    for (int i = 0; i < attributes.size(); i++) {
      sets.append(i == 0 ? "" : ", ").append("(a").append(i).append(')');
      which.append(" WHEN grouping(a").append(i).append(") = 0 THEN ?");
      value.append(" WHEN grouping(a").append(i).append(") = 0 THEN a").append(i);
      params.add(attributes.get(i));
    }
    params.add(perAttribute);
    String sql = "WITH r AS (SELECT start_time >= ? AS inc, " + badExpr(bad) + " AS bad" + cols
        + " FROM spans WHERE " + where + ")\n"
        + "SELECT * FROM (SELECT " + which + " END AS attribute, coalesce(" + value + " END, '" + NONE + "') AS value,\n"
        + "  count(*) FILTER (WHERE NOT inc) AS baseline_requests, count(*) FILTER (WHERE NOT inc AND bad) AS baseline_bad,\n"
        + "  count(*) FILTER (WHERE inc) AS requests, count(*) FILTER (WHERE inc AND bad) AS bad\n"
        + "  FROM r GROUP BY GROUPING SETS (" + sets + "))\n"
        + "QUALIFY row_number() OVER (PARTITION BY attribute ORDER BY bad DESC, requests DESC, value) <= ?\n"
        + "ORDER BY attribute, bad DESC, requests DESC, value";
    List<ValueCount> out = new ArrayList<>();
    query(sql, params, rs -> out.add(new ValueCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
        rs.getLong(5), rs.getLong(6))));
    return new Measured<>(out, Sql.inline(sql, params));
  }

  private void requireColumn(String a) {
    if (!columns().contains(a)) {
      throw new IllegalArgumentException("no attribute column '" + a + "' in spans");
    }
  }

  @Override
  public Measured<List<LeafCount>> leafCounts(Flow flow, List<Dimension> dimensions, TimeRange baseline,
      TimeRange incident, Bad bad) {
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException("leaf counts need at least one attribute");
    }
    List<Object> params = new ArrayList<>();
    StringBuilder keys = new StringBuilder();
    for (Dimension d : dimensions) {
      requireColumn(d.attribute());
      String col = "coalesce(" + column(d.attribute()) + ", '" + NONE + "')";
      keys.append(keys.isEmpty() ? "" : ", ");
      if (d.values().isEmpty()) {
        keys.append(col);
      } else {
        keys.append("CASE WHEN ").append(col).append(" IN (").append(String.join(", ", java.util.Collections.nCopies(
            d.values().size(), "?"))).append(") THEN ").append(col).append(" ELSE '").append(OTHER).append("' END");
        params.addAll(d.values());
      }
    }
    params.add(incident.from());
    params.add(incident.from());
    params.add(incident.from());
    params.add(incident.from());
    TimeRange span = new TimeRange(min(baseline.from(), incident.from()), max(baseline.to(), incident.to()));
    String where = flowWhere(flow, span, params);
    String b = badExpr(bad);
    String sql = "SELECT " + keys + ",\n"
        + "  count(*) FILTER (WHERE start_time < ?) AS baseline_requests,\n"
        + "  count(*) FILTER (WHERE start_time < ? AND " + b + ") AS baseline_bad,\n"
        + "  count(*) FILTER (WHERE start_time >= ?) AS requests,\n"
        + "  count(*) FILTER (WHERE start_time >= ? AND " + b + ") AS bad\n"
        + "FROM spans WHERE " + where + "\nGROUP BY ALL ORDER BY ALL";
    List<LeafCount> out = new ArrayList<>();
    int k = dimensions.size();
    query(sql, params, rs -> {
      List<String> values = new ArrayList<>(k);
      for (int i = 1; i <= k; i++) {
        values.add(rs.getString(i));
      }
      out.add(new LeafCount(values, rs.getLong(k + 1), rs.getLong(k + 2), rs.getLong(k + 3), rs.getLong(k + 4)));
    });
    return new Measured<>(out, Sql.inline(sql, params));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public Measured<List<SignatureCount>> signatureCounts(Flow flow, TimeRange baseline, TimeRange incident) {
    List<String> kinds = SIGNATURE_COLUMNS.stream().filter(columns()::contains).toList();
    if (kinds.isEmpty()) {
      return new Measured<>(List.of(), "-- no status code or error type columns in spans");
    }
    List<Object> params = new ArrayList<>();
    TimeRange span = new TimeRange(min(baseline.from(), incident.from()), max(baseline.to(), incident.to()));
    String failedWhere = flowWhere(flow, span, params);
    params.add(span.from().minusSeconds(60));
    params.add(span.to().plusSeconds(60));
    params.add(incident.from());
    StringBuilder union = new StringBuilder();
    for (String k : kinds) {
      union.append(union.isEmpty() ? "" : "\n  UNION ALL ")
          .append("SELECT trace_id, '").append(k).append("' AS kind, CAST(").append(column(k))
          .append(" AS VARCHAR) AS value FROM s WHERE ").append(column(k)).append(" IS NOT NULL");
    }
    String sql = "WITH failed AS (SELECT trace_id, min(start_time) AS t FROM spans WHERE " + failedWhere
        + " AND is_error GROUP BY trace_id),\n"
        + "s AS (SELECT * FROM spans WHERE is_error AND start_time >= ? AND start_time < ?"
        + " AND trace_id IN (SELECT trace_id FROM failed)),\n"
        + "v AS (" + union + ")\n"
        + "SELECT kind, value, count(DISTINCT trace_id) FILTER (WHERE f.t < ?) AS baseline_traces,\n"
        + "  count(DISTINCT trace_id) FILTER (WHERE f.t >= ?) AS traces\n"
        + "FROM v JOIN failed f USING (trace_id) GROUP BY ALL ORDER BY ALL";
    params.add(incident.from());
    List<SignatureCount> out = new ArrayList<>();
    query(sql, params, rs -> out.add(new SignatureCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))));
    return new Measured<>(out, Sql.inline(sql, params));
  }

  @Override
  public Measured<List<ChangeEvent>> changes(Instant from, Instant to) {
    QueryResult<ChangeEvent> r = SelectChanges.run(connection, new TimeRange(from, to), null);
    return new Measured<>(r.rows(), r.sql());
  }

  @Override
  public Measured<Set<String>> services(TimeRange range) {
    List<Object> params = new ArrayList<>();
    String sql = "SELECT DISTINCT service FROM spans WHERE " + flowWhere(null, range, params) + " ORDER BY service";
    Set<String> out = new java.util.TreeSet<>();
    query(sql, params, rs -> out.add(rs.getString(1)));
    return new Measured<>(out, Sql.inline(sql, params));
  }

  @Override
  public Measured<Long> distinctUsers(Flow flow, TimeRange range, Bad bad) {
    String user = USER_COLUMNS.stream().filter(columns()::contains).findFirst().orElse(null);
    if (user == null) {
      return new Measured<>(null, "-- no user id attribute (" + String.join(", ", USER_COLUMNS) + ") in spans");
    }
    List<Object> params = new ArrayList<>();
    String sql = "SELECT count(DISTINCT " + column(user) + ") FROM spans WHERE " + flowWhere(flow, range, params)
        + " AND " + badExpr(bad);
    Long[] out = new Long[1];
    query(sql, params, rs -> out[0] = rs.getLong(1));
    return new Measured<>(out[0] == null || out[0] == 0 ? null : out[0], Sql.inline(sql, params));
  }

  @Override
  public Measured<ScopeCounts> scopeCounts(Flow flow, TimeRange range, Bad bad, String service,
      Map<String, String> attributes) {
    Map<String, String> known = new TreeMap<>();
    attributes.forEach((k, v) -> {
      if (columns().contains(k)) {
        known.put(k, v);
      }
    });
    if (known.isEmpty() && service == null) {
      return new Measured<>(null, "-- none of " + attributes.keySet() + " is a span attribute");
    }
    attributes = known;
    List<Object> params = new ArrayList<>();
    String requests = "SELECT trace_id, " + badExpr(bad) + " AS bad FROM spans WHERE " + flowWhere(flow, range, params);
    params.add(range.from().minusSeconds(60));
    params.add(range.to().plusSeconds(60));
    StringBuilder match = new StringBuilder("start_time >= ? AND start_time < ?");
    if (service != null) {
      match.append(" AND service = ?");
      params.add(service);
    }
    match.append(cohortWhere(attributes, params));
    // one mark join (the scope's traces hashed once, the requests probing them) rather than a semi
    // join, a DISTINCT and a left join back: the same counts for about a third of the work
    String sql = "WITH r AS (" + requests + ")\n"
        + "SELECT count(*), count(*) FILTER (WHERE bad), count(*) FILTER (WHERE m), count(*) FILTER (WHERE m AND bad)\n"
        + "FROM (SELECT bad, trace_id IN (SELECT trace_id FROM spans WHERE " + match + ") AS m FROM r)";
    ScopeCounts[] out = new ScopeCounts[1];
    query(sql, params, rs -> out[0] = new ScopeCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    return new Measured<>(out[0], Sql.inline(sql, params));
  }

  /** How many buckets of this length cover the range (the last may be partial). */
  private static int buckets(TimeRange range, Duration bucket) {
    return (int) Math.ceil((double) (range.length().toNanos() / 1000) / (bucket.toNanos() / 1000));
  }

  private void query(String sql, List<Object> params, Queries.RowConsumer row) {
    Queries.forEach(connection, sql, params, row);
  }


  private SignalQueries signals() {
    return new SignalQueries(connection);
  }

  @Override
  public Measured<ErrorOrigins> errorOrigins(SignalRequest request) {
    return signals().errorOrigins(request);
  }

  @Override
  public Measured<TailProfiles> tailSelfTimes(SignalRequest request, double slowQuantile) {
    return signals().tailSelfTimes(request, slowQuantile);
  }

  @Override
  public Measured<PeerHealth> peerHealth(SignalRequest request) {
    return signals().peerHealth(request);
  }

  @Override
  public Measured<List<PeerBucket>> peerBuckets(String peer, TimeRange range, long bucketSeconds) {
    return signals().peerBuckets(peer, range, bucketSeconds);
  }

  @Override
  public Measured<List<MetricPoint>> metricPoints(String service, SignalRequest request, int maxPoints) {
    return signals().metricPoints(service, request, maxPoints);
  }

  @Override
  public Measured<RootCauseData> rootCauseData(TimeRange range, Duration bucket) {
    return signals().rootCauseData(range, bucket);
  }

  @Override
  public Measured<List<TemplateWindowCount>> logTemplateCounts(String service, TimeRange baseline, TimeRange incident) {
    List<String> tables = Queries.list(connection, "SELECT table_name FROM information_schema.tables "
        + "WHERE table_name IN ('logs', 'log_templates')", List.of(), rs -> rs.getString(1));
    if (tables.size() < 2) {
      return Measured.unavailable("logs", name() + " holds no log templates");
    }
    LogTemplateQueries.WindowCounts c = new LogTemplateQueries(connection)
        .templateCounts(java.util.Optional.ofNullable(service), baseline, incident);
    return new Measured<>(c.counts(), c.sql());
  }

  @Override
  public Measured<TreatedAndControl> cohortSeries(Flow flow, Map<String, String> cohort, TimeRange range,
      Duration bucket) {
    return SelectCohortSeries.run(connection, flow, cohort, range, bucket);
  }

  @Override
  public Measured<List<FlowBucket>> bucketCounts(TimeRange range, Duration bucket, Bad bad, int maxFlows) {
    return SelectBucketCounts.run(connection, range, bucket, bad, maxFlows);
  }

  @Override
  public Measured<List<FlowWindowCounts>> windowCounts(List<Duration> windows, Instant now, Flow flow, Bad bad) {
    return SelectWindowCounts.run(connection, windows, now, flow, bad);
  }
}
