package io.casefile.comms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered webhooks ({@code webhooks}) and every delivery outcome
 * ({@code webhook_deliveries}) in the embedded database, so that a key delivered before a restart
 * is still never sent twice.
 */
public final class WebhookStore implements WebhookPublisher.DeliveryLog {
  private final Connection connection;

  public WebhookStore(Connection connection) {
    this.connection = connection;
    try (Statement st = connection.createStatement()) {
      for (String ddl : CommsSchema.SCHEMA.statements()) {
        st.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the webhook tables: " + e.getMessage(), e);
    }
  }

  public synchronized Webhook add(String url, Webhook.Format format) {
    try {
      long n;
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT nextval('webhook_numbers')")) {
        rs.next();
        n = rs.getLong(1);
      }
      Webhook hook = new Webhook("wh-" + n, Webhook.parseUrl(url), format);
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO webhooks (id, url, format) VALUES (?, ?, ?)")) {
        ps.setString(1, hook.id());
        ps.setString(2, hook.url().toString());
        ps.setString(3, hook.format().wireName());
        ps.executeUpdate();
      }
      return hook;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the webhook: " + e.getMessage(), e);
    }
  }

  public synchronized List<Webhook> all() {
    List<Webhook> out = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, url, format FROM webhooks ORDER BY created_at, id")) {
      while (rs.next()) {
        out.add(new Webhook(rs.getString(1), Webhook.parseUrl(rs.getString(2)), Webhook.Format.parse(rs.getString(3))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read webhooks: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean delivered(String webhookId, String idempotencyKey) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM webhook_deliveries "
        + "WHERE webhook_id = ? AND idempotency_key = ? AND status = 'delivered'")) {
      ps.setString(1, webhookId);
      ps.setString(2, idempotencyKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read webhook deliveries: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void record(Delivery d) {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO webhook_deliveries "
        + "(webhook_id, idempotency_key, status, attempts, http_status, error) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, d.webhookId());
      ps.setString(2, d.idempotencyKey());
      ps.setString(3, d.status());
      ps.setInt(4, d.attempts());
      ps.setObject(5, d.httpStatus());
      ps.setString(6, d.error());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record a webhook delivery: " + e.getMessage(), e);
    }
  }

  /** The latest outcome per webhook for an idempotency key. */
  public synchronized List<Delivery> deliveries(String idempotencyKey) {
    List<Delivery> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT webhook_id, idempotency_key, status, attempts, "
        + "http_status, error FROM webhook_deliveries WHERE idempotency_key = ? ORDER BY recorded_at, webhook_id")) {
      ps.setString(1, idempotencyKey);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
              (Integer) rs.getObject(5), rs.getString(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read webhook deliveries: " + e.getMessage(), e);
    }
  }
}
