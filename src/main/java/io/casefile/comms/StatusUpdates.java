package io.casefile.comms;

import io.casefile.incident.Casefile;
import io.casefile.incident.ContainmentAdvice;
import io.casefile.incident.ContainmentAdvisor;
import io.casefile.incident.Entry;
import io.casefile.incident.EntryBody;
import io.casefile.incident.Incidents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Drafts and publishes status updates: publishing appends a {@code status_update} entry and
 * delivers it to every registered webhook under one idempotency key. Publishing again with the
 * same client key returns the recorded update and re-sends only to webhooks that have not
 * acknowledged it.
 */
public final class StatusUpdates {
  private final Incidents incidents;
  private final WebhookStore webhooks;
  private final WebhookPublisher publisher;
  private final Executor executor;

  /** @param executor runs deliveries: a background worker in the server, direct in tests */
  public StatusUpdates(Incidents incidents, WebhookStore webhooks, WebhookPublisher publisher, Executor executor) {
    this.incidents = incidents;
    this.webhooks = webhooks;
    this.publisher = publisher;
    this.executor = executor;
  }

  /** The published update, its key, and the deliveries known when this returns. */
  public record Published(Entry entry, String idempotencyKey, boolean duplicate, List<Delivery> deliveries) {}

  public ContainmentAdvice advice(String id) {
    return incidents.investigation(id).map(inv -> new ContainmentAdvisor(incidents.clock()).advise(inv)).orElse(null);
  }

  public StatusDraft draft(String id) {
    Casefile c = incidents.get(id);
    return StatusDrafter.draft(c, advice(id), incidents.now());
  }

  public synchronized Published publish(String id, String author, String text, String clientKey) {
    return publish(id, author, text, clientKey, false);
  }

  /**
   * Publishes an update; a drill's update is recorded but reaches the webhooks only with
   * {@code deliverDrill}, so practice never pages real channels by accident.
   */
  public synchronized Published publish(String id, String author, String text, String clientKey,
      boolean deliverDrill) {
    if (clientKey != null && (clientKey.isBlank() || clientKey.length() > 200)) {
      throw new IllegalArgumentException("idempotency key must be 1..200 characters");
    }
    Casefile c = incidents.get(id);
    boolean deliver = !c.incident().drill() || deliverDrill;
    for (Entry e : c.entries()) {
      if (e.body() instanceof EntryBody.StatusUpdate u && clientKey != null && clientKey.equals(u.idempotencyKey())) {
        StatusDraft again = withText(draft(id), u.text());
        if (deliver) {
          deliverAll(again, u.idempotencyKey());
        }
        return new Published(e, u.idempotencyKey(), true, webhooks.deliveries(u.idempotencyKey()));
      }
    }
    StatusDraft draft = draft(id);
    if (text != null && !text.isBlank()) {
      draft = withText(draft, text);
    }
    long n = c.bodies(EntryBody.StatusUpdate.class).size() + 1L;
    String key = clientKey != null ? clientKey : id + "-update-" + n;
    Entry entry = incidents.append(id, author,
        new EntryBody.StatusUpdate(c.status(), draft.text(), draft.nextUpdateAt(), key), false, null);
    if (deliver) {
      deliverAll(draft, key);
    }
    return new Published(entry, key, false, webhooks.deliveries(key));
  }

  private void deliverAll(StatusDraft draft, String key) {
    List<Webhook> hooks = new ArrayList<>(webhooks.all());
    for (Webhook hook : hooks) {
      executor.execute(() -> publisher.deliver(hook, draft, key));
    }
  }

  private static StatusDraft withText(StatusDraft d, String text) {
    return new StatusDraft(d.incidentId(), d.title(), d.severity(), d.status(), d.impact(), d.whatWeKnow(),
        d.whatWeSuspect(), d.whatWeAreDoing(), d.nextDecision(), d.nextUpdateAt(), text);
  }

  public WebhookStore webhooks() {
    return webhooks;
  }
}
