package io.casefile.investigation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * An in-memory DuckDB with the tables of docs/storage.md and a small checkout shop: checkout calls
 * payments, which calls pix-gateway for pix payments. From {@code onsetSecond}, payments 2.31.0
 * fails pix payments with PixGatewayTimeout; a recorded deploy of payments precedes it, an
 * unrelated search deploy comes later.
 */
final class SpanFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

  final Connection connection;
  private long nextId = 1;

  SpanFixture() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE spans (trace_id HUGEINT, span_id BIGINT, parent_span_id BIGINT, start_time TIMESTAMP,"
          + " duration_us BIGINT, kind TINYINT, name VARCHAR, status TINYINT, status_message VARCHAR, service VARCHAR,"
          + " operation VARCHAR, is_request BOOLEAN, is_error BOOLEAN, \"service.version\" VARCHAR,"
          + " \"payment_method\" VARCHAR, \"region\" VARCHAR, \"http.response.status_code\" VARCHAR,"
          + " \"exception.type\" VARCHAR, \"enduser.id\" VARCHAR, \"peer.service\" VARCHAR)");
      st.execute("CREATE TABLE changes (id VARCHAR, type VARCHAR, \"timestamp\" TIMESTAMP, service VARCHAR,"
          + " summary VARCHAR, version VARCHAR, previous_version VARCHAR, environment VARCHAR, flag_key VARCHAR,"
          + " targets MAP(VARCHAR, VARCHAR), link VARCHAR, author VARCHAR, source VARCHAR, received_at TIMESTAMP)");
      st.execute("CREATE TABLE metric_points (\"time\" TIMESTAMP, service VARCHAR, name VARCHAR, unit VARCHAR, kind VARCHAR,"
          + " value DOUBLE, count BIGINT, bounds DOUBLE[], bucket_counts BIGINT[], attributes MAP(VARCHAR, VARCHAR))");
    }
  }

  /** {@code seconds} of traffic, {@code perSecond} checkouts a second; the fault from {@code onsetSecond} (or never, -1). */
  SpanFixture shop(int seconds, int perSecond, int onsetSecond, long seed) throws SQLException {
    SplittableRandom r = new SplittableRandom(seed);
    String[] methods = {"card", "card", "card", "pix", "paypal"};
    String[] regions = {"eu-west", "us-east"};
    try (DuckDBAppender ins = ((DuckDBConnection) connection).createAppender("spans")) {
      for (int s = 0; s < seconds; s++) {
        for (int i = 0; i < perSecond; i++) {
          Instant t = T0.plusSeconds(s).plusMillis(r.nextInt(1000));
          String method = methods[r.nextInt(methods.length)];
          String region = regions[r.nextInt(regions.length)];
          String user = "u" + r.nextInt(500);
          boolean faulty = onsetSecond >= 0 && s >= onsetSecond;
          String version = onsetSecond >= 0 && s >= onsetSecond - 20 ? "2.31.0" : "2.30.4";
          boolean pixFails = faulty && method.equals("pix") && r.nextDouble() < 0.7;
          boolean background = r.nextDouble() < 0.004;
          boolean fail = pixFails || background;
          long trace = nextId++;
          long root = nextId++;
          long pay = nextId++;
          long gw = nextId++;
          String code = fail ? "500" : "200";
          insert(ins, trace, root, null, t, 120_000, 2, "POST /checkout", fail, "checkout", "POST /checkout", true,
              "1.4.0", method, region, code, fail ? (pixFails ? "PixGatewayTimeout" : "IllegalStateException") : null, user, null);
          insert(ins, trace, pay, root, t.plusMillis(5), 100_000, 2, "POST /pay", fail, "payments", "POST /pay", true,
              version, method, region, code, pixFails ? "PixGatewayTimeout" : null, user, null);
          if (method.equals("pix")) {
            insert(ins, trace, gw, pay, t.plusMillis(6), pixFails ? 5_000_000 : 80_000, 3, "POST", pixFails, "payments",
                "POST", false, version, null, null, null, pixFails ? "PixGatewayTimeout" : null, null, "pix-gateway");
          }
        }
      }
    }
    return this;
  }

  private static void insert(DuckDBAppender a, long trace, long span, Long parent, Instant t, long durUs, int kind,
      String name, boolean error, String service, String op, boolean request, String version, String method,
      String region, String code, String exception, String user, String peer) throws SQLException {
    a.beginRow();
    a.append(java.math.BigInteger.valueOf(trace));
    a.append(span);
    if (parent == null) {
      a.appendNull();
    } else {
      a.append(parent.longValue());
    }
    a.append(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    a.append(durUs);
    a.append((byte) kind);
    a.append(name);
    a.append((byte) (error ? 2 : 0));
    a.appendNull();
    a.append(service);
    a.append(op);
    a.append(request);
    a.append(error);
    for (String v : new String[] {version, method, region, code, exception, user, peer}) {
      if (v == null) {
        a.appendNull();
      } else {
        a.append(v);
      }
    }
    a.endRow();
  }

  SpanFixture change(String id, String type, Instant at, String service, String version, String previous,
      String source) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(
        "INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?, ?, 'prod', NULL, MAP {'region': 'eu-west'}, NULL, 'ci', ?, ?)")) {
      st.setString(1, id);
      st.setString(2, type);
      st.setObject(3, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      st.setString(4, service);
      st.setString(5, type + " " + service + " " + version);
      st.setString(6, version);
      st.setString(7, previous);
      st.setString(8, source);
      st.setObject(9, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      st.execute();
    }
    return this;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
