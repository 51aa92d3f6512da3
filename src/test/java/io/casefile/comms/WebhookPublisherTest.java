package io.casefile.comms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.casefile.model.JsonCodec;
import io.casefile.store.DuckDbStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery against a real local HTTP receiver that fails on purpose. */
class WebhookPublisherTest {
  @TempDir Path dir;
  HttpServer receiver;
  final List<String> keys = Collections.synchronizedList(new ArrayList<>());
  final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
  final Set<String> accepted = Collections.synchronizedSet(new LinkedHashSet<>());
  final AtomicInteger failuresLeft = new AtomicInteger();
  volatile int failStatus = 500;
  volatile long stallMillis;
  final List<Duration> sleeps = new ArrayList<>();
  DuckDbStore db;
  WebhookStore store;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    receiver.createContext("/hook", exchange -> {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      keys.add(key);
      bodies.add(JsonCodec.mapper().readTree(exchange.getRequestBody()));
      int status;
      if (failuresLeft.getAndDecrement() > 0) {
        if (stallMillis > 0) {
          try {
            Thread.sleep(stallMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        status = failStatus;
      } else {
        accepted.add(key);
        status = 200;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    db = DuckDbStore.open(null, List.of(CommsSchema.SCHEMA));
    store = new WebhookStore(db.featureTables());
  }

  @AfterEach
  void stop() throws Exception {
    receiver.stop(0);
    db.close();
  }

  String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  WebhookPublisher publisher(Duration timeout) {
    return new WebhookPublisher(HttpClient.newHttpClient(), store, 4, Duration.ofMillis(100), timeout, sleeps::add);
  }

  static StatusDraft draft() {
    return new StatusDraft("INC-1", "checkout 500s", "SEV2", "investigating", "pix checkouts fail <50%>",
        List.of("71% of pix checkouts fail"), List.of("deploy payments 2.31.0"), List.of("investigating"),
        "whether to roll back", Instant.parse("2026-01-01T14:30:00Z"), "[SEV2] INC-1 checkout 500s\nImpact: x & y");
  }

  @Test
  void retriesAfterA500WithTheSameKeyAndNeverDeliversTwice() {
    Webhook hook = store.add(url(), Webhook.Format.JSON);
    failuresLeft.set(1);
    Delivery d = publisher(Duration.ofSeconds(5)).deliver(hook, draft(), "INC-1-update-1");
    assertThat(d.status()).isEqualTo(Delivery.DELIVERED);
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(keys).containsExactly("INC-1-update-1", "INC-1-update-1");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    assertThat(bodies.get(1).get("update").get("next_decision").asText()).isEqualTo("whether to roll back");

    // publishing the same update again, even from a fresh publisher after a restart, sends nothing
    Delivery again = new WebhookPublisher(HttpClient.newHttpClient(), new WebhookStore(db.featureTables()), 4, Duration.ofMillis(100),
        Duration.ofSeconds(5), sleeps::add).deliver(hook, draft(), "INC-1-update-1");
    assertThat(again.status()).isEqualTo(Delivery.DUPLICATE);
    assertThat(keys).hasSize(2);
    assertThat(accepted).containsExactly("INC-1-update-1");
  }

  @Test
  void retriesAfterATimeoutAndAReceiverHonouringTheKeyAcceptsOnce() {
    Webhook hook = store.add(url(), Webhook.Format.JSON);
    failuresLeft.set(1);
    stallMillis = 1500;
    Delivery d = publisher(Duration.ofMillis(300)).deliver(hook, draft(), "k-timeout");
    assertThat(d.status()).isEqualTo(Delivery.DELIVERED);
    assertThat(d.attempts()).isGreaterThanOrEqualTo(2);
    assertThat(Set.copyOf(keys)).containsExactly("k-timeout");
    assertThat(accepted).containsExactly("k-timeout");
  }

  @Test
  void clientErrorIsNotRetriedAndGivesUpWithTheStatus() {
    Webhook hook = store.add(url(), Webhook.Format.SLACK);
    failuresLeft.set(10);
    failStatus = 400;
    Delivery d = publisher(Duration.ofSeconds(5)).deliver(hook, draft(), "k-400");
    assertThat(d.status()).isEqualTo(Delivery.FAILED);
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.httpStatus()).isEqualTo(400);
    assertThat(store.delivered(hook.id(), "k-400")).isFalse();
  }

  @Test
  void persistentServerErrorsGiveUpAfterTheLastAttemptWithBackoff() {
    Webhook hook = store.add(url(), Webhook.Format.JSON);
    failuresLeft.set(10);
    Delivery d = publisher(Duration.ofSeconds(5)).deliver(hook, draft(), "k-500");
    assertThat(d.status()).isEqualTo(Delivery.FAILED);
    assertThat(d.attempts()).isEqualTo(4);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(store.deliveries("k-500")).extracting(Delivery::status).containsExactly("failed");
  }

  @Test
  void slackFormatIsAnIncomingWebhookMessage() {
    Webhook hook = store.add(url(), Webhook.Format.SLACK);
    publisher(Duration.ofSeconds(5)).deliver(hook, draft(), "k-slack");
    JsonNode body = bodies.get(0);
    assertThat(body.get("text").asText()).startsWith("[SEV2] INC-1 checkout 500s");
    assertThat(body.get("blocks").get(0).get("type").asText()).isEqualTo("header");
    assertThat(body.get("blocks").get(1).get("text").get("text").asText()).contains("x &amp; y");
  }

  @Test
  void rejectsUrlsThatAreNotHttp() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.add("ftp://example.com/x", Webhook.Format.JSON))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Webhook.Format.parse("teams"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slack or json");
    assertThat(URI.create(url()).getPort()).isPositive();
  }
}
