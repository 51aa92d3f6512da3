package io.casefile.comms;

import io.casefile.store.FeatureTables;
import java.util.Arrays;
import java.util.List;

/**
 * The registered webhooks ({@code webhooks}) and every delivery outcome
 * ({@code webhook_deliveries}) in the embedded database, so that a key delivered before a restart
 * is still never sent twice. Each write is committed when the call returns.
 */
public final class WebhookStore implements WebhookPublisher.DeliveryLog {
  private final FeatureTables tables;

  /** @param tables the store's access to the {@link CommsSchema} tables */
  public WebhookStore(FeatureTables tables) {
    this.tables = tables;
  }

  public synchronized Webhook add(String url, Webhook.Format format) {
    long n = tables.nextval("webhook_numbers");
    Webhook hook = new Webhook("wh-" + n, Webhook.parseUrl(url), format);
    tables.update("INSERT INTO webhooks (id, url, format) VALUES (?, ?, ?)",
        List.of(hook.id(), hook.url().toString(), hook.format().wireName()));
    return hook;
  }

  public synchronized List<Webhook> all() {
    return tables.list("SELECT id, url, format FROM webhooks ORDER BY created_at, id", List.of(),
        r -> new Webhook(r.string(1), Webhook.parseUrl(r.string(2)), Webhook.Format.parse(r.string(3))));
  }

  @Override
  public synchronized boolean delivered(String webhookId, String idempotencyKey) {
    return tables.list("SELECT count(*) FROM webhook_deliveries "
        + "WHERE webhook_id = ? AND idempotency_key = ? AND status = 'delivered'", List.of(webhookId, idempotencyKey),
        r -> r.longValue(1)).get(0) > 0;
  }

  @Override
  public synchronized void record(Delivery d) {
    tables.update("INSERT INTO webhook_deliveries "
        + "(webhook_id, idempotency_key, status, attempts, http_status, error) VALUES (?, ?, ?, ?, ?, ?)",
        Arrays.asList(d.webhookId(), d.idempotencyKey(), d.status(), d.attempts(), d.httpStatus(), d.error()));
  }

  /** The latest outcome per webhook for an idempotency key. */
  public synchronized List<Delivery> deliveries(String idempotencyKey) {
    return tables.list("SELECT webhook_id, idempotency_key, status, attempts, "
        + "http_status, error FROM webhook_deliveries WHERE idempotency_key = ? ORDER BY recorded_at, webhook_id",
        List.of(idempotencyKey), r -> new Delivery(r.string(1), r.string(2), r.string(3), r.intValue(4),
            r.nullableInt(5), r.string(6)));
  }
}
