package io.casefile.store;

import io.casefile.model.Flow;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Request spans generated inside DuckDB for the investigation benchmark (millions of rows in
 * seconds, without the ingest path), and the raw scan it is measured against. The data: ten
 * flows, checkout ({@code POST /checkout}) 30% of the requests; {@code payment_method=pix} fails
 * 70% of checkouts from three quarters into the window, when checkout's version changes; a 0.5%
 * background error rate everywhere. Same {@code n}, same rows.
 */
public final class SyntheticRequests {
  /** The attribute columns the generated spans carry besides the store's own. */
  public static final List<String> ATTRIBUTES = List.of("payment_method", "region", "customer_tier", "device",
      "enduser.id");

  private static final String INSERT = """
      INSERT INTO spans (trace_id, span_id, parent_span_id, start_time, duration_us, kind, name, status,
        service, operation, is_request, is_error, "service.version", "http.response.status_code",
        payment_method, region, customer_tier, device, "enduser.id")
      SELECT ('00000000-0000-0000-0000-' || lpad(printf('%x', i), 12, '0'))::UUID, i::UBIGINT, NULL,
        {START} + to_microseconds((i * {WINDOW} // {N})::BIGINT),
        20000 + (h % 180000), 2, op, CASE WHEN err THEN 2 ELSE 0 END, svc, op, true, err,
        CASE WHEN svc = 'checkout' AND i >= {N} * 3 // 4 - {N} // 180 THEN '2.31.0' ELSE '2.30.4' END,
        CASE WHEN err THEN '500' ELSE '200' END, pm, region, tier, device, 'u' || (h % 50000)
      FROM (
        SELECT i, h, svc, op, pm, region, tier, device,
          (h2 % 1000 < 5) OR (svc = 'checkout' AND pm = 'pix' AND i >= {N} * 3 // 4 AND h2 % 100 < 70) AS err
        FROM (
          SELECT i, (hash(i) % 1000000007)::BIGINT AS h, (hash(i + 7919) % 1000000007)::BIGINT AS h2,
            CASE WHEN (hash(i * 31) % 1000000007)::BIGINT % 10 < 3 THEN 'checkout' ELSE 'svc' || ((hash(i * 31) % 1000000007)::BIGINT % 10) END AS svc,
            CASE WHEN (hash(i * 31) % 1000000007)::BIGINT % 10 < 3 THEN 'POST /checkout' ELSE 'GET /op' || ((hash(i * 31) % 1000000007)::BIGINT % 10) END AS op,
            ['card', 'card', 'pix', 'paypal', 'apple_pay'][1 + (hash(i * 17) % 1000000007)::BIGINT % 5] AS pm,
            ['us-east', 'eu-west', 'sa-east'][1 + (hash(i * 13) % 1000000007)::BIGINT % 3] AS region,
            ['free', 'standard', 'premium'][1 + (hash(i * 11) % 1000000007)::BIGINT % 3] AS tier,
            ['ios', 'android', 'web'][1 + (hash(i * 5) % 1000000007)::BIGINT % 3] AS device
          FROM range({N}) t(i)))
      """;

  private SyntheticRequests() {}

  /** Writes {@code n} request spans spread evenly over {@code window} from {@code start}, then checkpoints. */
  public static void write(DuckDbStore store, long n, Instant start, Duration window) {
    if (n < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("synthetic requests need n >= 1 and a positive window, got " + n
          + " over " + window);
    }
    try (Connection c = store.connection(); Statement st = c.createStatement()) {
      for (String col : ATTRIBUTES) {
        st.execute("ALTER TABLE spans ADD COLUMN IF NOT EXISTS " + Sql.quote(col) + " VARCHAR");
      }
      st.execute(INSERT.replace("{START}", Sql.literal(start))
          .replace("{WINDOW}", Long.toString(window.toNanos() / 1000)).replace("{N}", Long.toString(n)));
      st.execute("CHECKPOINT");
    } catch (SQLException e) {
      throw new StoreException("generating " + n + " request spans failed: " + e.getMessage(), e);
    }
  }

  /**
   * The limit an investigation of a flow is measured against: one scan of its request spans
   * reading the columns an investigation reads (counts, errors, times, durations, traces and each
   * attribute column). The row is the flow's request count.
   */
  public static QueryResult<Long> rawScan(DuckDbStore store, Flow flow, List<String> attributes) {
    List<String> reads = new ArrayList<>(List.of("count(*)", "count(*) FILTER (WHERE is_error)", "max(start_time)",
        "sum(duration_us)", "count(DISTINCT trace_id)"));
    for (String a : attributes) {
      reads.add("max(" + Sql.quote(a) + ")");
    }
    String sql = "SELECT " + String.join(", ", reads)
        + " FROM spans WHERE is_request AND service = ? AND operation = ?";
    return store.read(c -> Queries.run(c, sql, List.of(flow.service(), flow.operation()), rs -> rs.getLong(1)));
  }
}
