package io.casefile.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Writes request spans in the docs/storage.md layout: a checkout flow with a pix cohort. */
final class SpanFixture {
  private SpanFixture() {}

  static void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("""
          CREATE TABLE IF NOT EXISTS spans (trace_id UUID, span_id UBIGINT, parent_span_id UBIGINT,
            start_time TIMESTAMP, duration_us BIGINT, kind TINYINT, name VARCHAR, status TINYINT,
            status_message VARCHAR, service VARCHAR, operation VARCHAR, is_request BOOLEAN, is_error BOOLEAN,
            "service.version" VARCHAR)""");
      st.execute("ALTER TABLE spans ADD COLUMN IF NOT EXISTS \"payment_method\" VARCHAR");
      st.execute("CREATE TABLE IF NOT EXISTS logs (time TIMESTAMP, observed_time TIMESTAMP, severity_number TINYINT, "
          + "severity_text VARCHAR, body VARCHAR, service VARCHAR, trace_id UUID, span_id UBIGINT, template_id BIGINT, "
          + "attributes MAP(VARCHAR, VARCHAR))");
      st.execute("CREATE TABLE IF NOT EXISTS changes (id VARCHAR, type VARCHAR, timestamp TIMESTAMP, service VARCHAR, "
          + "summary VARCHAR, version VARCHAR, previous_version VARCHAR, environment VARCHAR, flag_key VARCHAR, "
          + "targets MAP(VARCHAR, VARCHAR), link VARCHAR, author VARCHAR, source VARCHAR, received_at TIMESTAMP)");
    }
  }

  /**
   * Every second from {@code from} to {@code to}: 10 checkout requests, 5 of them pix; pix fails
   * at {@code pixPerMille}, card at 5 per mille. Deterministic.
   */
  static void requests(Connection c, Instant from, Instant to, int pixPerMille) throws SQLException {
    long fromUs = IncidentRepository.epochMicros(from);
    long n = (to.getEpochSecond() - from.getEpochSecond()) * 10;
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO spans (trace_id, span_id, start_time, duration_us, kind, name, status, service, operation,
          is_request, is_error, "service.version", payment_method)
        SELECT ('00000000-0000-0000-' || lpad((? % 10000)::VARCHAR, 4, '0') || '-' || lpad(k::VARCHAR, 12, '0'))::UUID,
          k::UBIGINT, make_timestamp(? + (k // 10) * 1000000 + (k % 10) * 90000), 1000, 2,
          'POST /checkout', CASE WHEN err THEN 2 ELSE 1 END, 'checkout', 'POST /checkout', true, err, '1.0',
          CASE WHEN k % 2 = 0 THEN 'pix' ELSE 'card' END
        FROM (SELECT k, (k * 7919 % 1000) < CASE WHEN k % 2 = 0 THEN ? ELSE 5 END AS err
              FROM range(?) t(k))""")) {
      ps.setLong(1, fromUs);
      ps.setLong(2, fromUs);
      ps.setInt(3, pixPerMille);
      ps.setLong(4, n);
      ps.executeUpdate();
    }
  }
}
