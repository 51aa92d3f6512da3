package io.casefile.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioReplayerTest {
  private final HttpServer http = start();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger busyAnswers = new AtomicInteger(2);

  private static HttpServer start() {
    try {
      return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  @Test
  void retriesWhileTheServerIsBusyAndKeepsTheIdTheServerStored() throws IOException {
    http.createContext("/v1/traces", ex -> {
      seen.add(ex.getRequestHeaders().getFirst("Content-Type") + " " + ex.getRequestBody().readAllBytes().length);
      boolean busy = busyAnswers.getAndDecrement() > 0;
      if (busy) {
        ex.getResponseHeaders().add("Retry-After", "0");
      }
      ex.sendResponseHeaders(busy ? 429 : 200, -1);
      ex.close();
    });
    http.createContext("/api/v1/changes", ex -> {
      byte[] body = "{\"change\": {\"id\": \"stored-1\"}, \"created\": true}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(201, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.start();
    var change = DemoJson.change(java.util.Map.of("id", "chg-1", "type", "deploy",
        "timestamp", "2026-01-01T00:00:00Z", "service", "payments", "summary", "payments 2.31.0"));

    try (var replayer = new ScenarioReplayer(base(), base(), null, 2)) {
      replayer.payload(new Payload("traces", Instant.EPOCH, new byte[] {1, 2, 3}));
      replayer.change(change);
      assertThat(replayer.payloadsSent()).isEqualTo(1);
      assertThat(replayer.changeIds()).containsEntry("chg-1", "stored-1");
    }
    assertThat(seen).containsExactly("application/x-protobuf 3", "application/x-protobuf 3", "application/x-protobuf 3");
  }

  @Test
  void aRefusedPayloadFailsTheReplayWithTheServersMessage() throws IOException {
    http.createContext("/v1/logs", ex -> {
      byte[] body = "{\"error\": \"bad protobuf\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(400, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.start();

    var replayer = new ScenarioReplayer(base(), base(), null);
    assertThatThrownBy(() -> replayer.payload(new Payload("logs", Instant.EPOCH, new byte[] {9})))
        .isInstanceOf(IOException.class).hasMessageContaining("answered 400").hasMessageContaining("bad protobuf");
    replayer.close();
  }
}
