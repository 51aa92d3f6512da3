package io.casefile.comms;

import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers a status update to a webhook. Retries with exponential backoff on 5xx, 408, 429,
 * timeouts and connection errors; gives up at once on other 4xx. Every attempt carries the same
 * {@code Idempotency-Key} header, and an update already delivered under its key is never sent
 * again (the delivery log remembers it across restarts).
 */
public final class WebhookPublisher {
  /** Waits between attempts; tests pass one that does not sleep. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Remembers deliveries, so that a delivered key is not sent twice. */
  public interface DeliveryLog {
    boolean delivered(String webhookId, String idempotencyKey);

    void record(Delivery delivery);
  }

  private final HttpClient client;
  private final DeliveryLog log;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration timeout;
  private final Sleeper sleeper;

  public WebhookPublisher(HttpClient client, DeliveryLog log, int maxAttempts, Duration firstBackoff,
      Duration timeout, Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("webhook attempts must be >= 1, got " + maxAttempts);
    }
    this.client = Objects.requireNonNull(client, "client");
    this.log = Objects.requireNonNull(log, "log");
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.timeout = timeout;
    this.sleeper = sleeper;
  }

  /** Defaults: 5 attempts, 500 ms doubling backoff, 10 s timeout per attempt. */
  public static WebhookPublisher withDefaults(DeliveryLog log) {
    return new WebhookPublisher(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), log, 5,
        Duration.ofMillis(500), Duration.ofSeconds(10), Thread::sleep);
  }

  public synchronized Delivery deliver(Webhook hook, StatusDraft draft, String idempotencyKey) {
    if (log.delivered(hook.id(), idempotencyKey)) {
      return new Delivery(hook.id(), idempotencyKey, Delivery.DUPLICATE, 0, null, null);
    }
    byte[] body;
    try {
      body = JsonCodec.mapper().writeValueAsBytes(WebhookPayloads.body(hook.format(), draft, idempotencyKey));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the webhook body: " + e.getMessage(), e);
    }
    String refused = hook.refusedResolved();
    if (refused != null) {
      Delivery failed = new Delivery(hook.id(), idempotencyKey, Delivery.FAILED, 0, null, "refused: " + refused);
      log.record(failed);
      return failed;
    }
    HttpRequest request = HttpRequest.newBuilder(hook.url())
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .header("User-Agent", "casefile")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    Integer status = null;
    String error = null;
    int attempt = 0;
    while (attempt < maxAttempts) {
      attempt++;
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        status = response.statusCode();
        if (status / 100 == 2) {
          Delivery ok = new Delivery(hook.id(), idempotencyKey, Delivery.DELIVERED, attempt, status, null);
          log.record(ok);
          return ok;
        }
        error = "HTTP " + status;
        if (!(status >= 500 || status == 408 || status == 429)) {
          break;
        }
      } catch (IOException e) {
        status = null;
        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "interrupted";
        break;
      }
      if (attempt < maxAttempts) {
        try {
          sleeper.sleep(firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    Delivery failed = new Delivery(hook.id(), idempotencyKey, Delivery.FAILED, attempt, status, error);
    log.record(failed);
    return failed;
  }
}
