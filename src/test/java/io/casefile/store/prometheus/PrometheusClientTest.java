package io.casefile.store.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The query API client against a loopback server answering what each test scripts. */
class PrometheusClientTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final String VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
      + "{\"metric\":{\"__name__\":\"x\",\"a\":\"1\"},\"value\":[1772366400,\"3\"]},"
      + "{\"metric\":{\"a\":\"2\"},\"value\":[1772366400,\"NaN\"]}]}}";

  private final Deque<Object[]> answers = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();
  private HttpServer server;

  private PrometheusClient client(PrometheusClient.Settings settings) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      calls.incrementAndGet();
      Object[] a = answers.isEmpty() ? new Object[] {200, VECTOR} : answers.poll();
      if (a[0] instanceof Long sleep) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        a = new Object[] {200, VECTOR};
      }
      byte[] body = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders((Integer) a[0], body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    return new PrometheusClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), settings);
  }

  private static PrometheusClient.Settings fast(int retries, PrometheusClient.Limits limits) {
    return new PrometheusClient.Settings(Duration.ofMillis(500), retries, Duration.ofMillis(5), limits);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void readsAVectorWithLabelsAndSpecialValues() throws IOException {
    var out = client(PrometheusClient.Settings.DEFAULT).query("sum by (a) (x)", T);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).labels()).containsExactlyEntriesOf(java.util.Map.of("a", "1"));
    assertThat(out.get(0).last()).isEqualTo(3);
    assertThat(out.get(0).timesMs()).containsExactly(1772366400000L);
    assertThat(out.get(1).last()).isNaN();
  }

  @Test
  void retriesServerErrorsWithBackoffThenAnswers() throws IOException {
    answers.add(new Object[] {502, "bad gateway"});
    answers.add(new Object[] {500, "{\"status\":\"error\"}"});
    var c = client(fast(3, PrometheusClient.Limits.DEFAULT));
    assertThat(c.query("x", T)).hasSize(2);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void aRefusedQueryNamesTheBackendTheQueryAndTheReason() throws IOException {
    answers.add(new Object[] {400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected\"}"});
    var c = client(fast(3, PrometheusClient.Limits.DEFAULT));
    assertThatThrownBy(() -> c.query("sum(", T)).isInstanceOf(PrometheusException.class)
        .hasMessageContaining(c.base().toString()).hasMessageContaining("bad_data")
        .hasMessageContaining("parse error").hasMessageContaining("query: sum(");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void aTimedOutQueryIsNotRetriedAndSaysSo() throws IOException {
    answers.add(new Object[] {503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}"});
    var c = client(fast(3, PrometheusClient.Limits.DEFAULT));
    assertThatThrownBy(() -> c.query("x", T)).isInstanceOf(PrometheusException.class).hasMessageContaining("timeout");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void aSlowBackendFailsAfterTheTimeout() throws IOException {
    answers.add(new Object[] {2_000L, ""});
    var c = client(fast(0, PrometheusClient.Limits.DEFAULT));
    assertThatThrownBy(() -> c.query("slow_query", T)).isInstanceOf(PrometheusException.class)
        .hasMessageContaining("did not answer within").hasMessageContaining("slow_query");
  }

  @Test
  void anUnreachableBackendIsNamedAfterTheRetries() throws IOException {
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var c = new PrometheusClient(URI.create("http://127.0.0.1:" + port), fast(2, PrometheusClient.Limits.DEFAULT));
    assertThatThrownBy(() -> c.query("up", T)).isInstanceOf(PrometheusException.class)
        .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("unreachable after 3 attempts")
        .hasMessageContaining("query: up");
  }

  @Test
  void answersOverTheLimitsAreRefusedNamingTheLimit() throws IOException {
    var c = client(fast(0, new PrometheusClient.Limits(1, 1)));
    assertThatThrownBy(() -> c.query("x", T)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 series, over the limit of 1 series");
    answers.add(new Object[] {200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
        + "{\"metric\":{},\"values\":[[1,\"1\"],[2,\"2\"]]}]}}"});
    assertThatThrownBy(() -> c.queryRange("x", T, T.plusSeconds(15), Duration.ofSeconds(15)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the limit of 1 points");
    assertThatThrownBy(() -> c.queryRange("x", T, T.plus(Duration.ofDays(30)), Duration.ofSeconds(15)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11000 points per series");
  }

  @Test
  void rejectsAddressesThatAreNotHttp() {
    assertThatThrownBy(() -> new PrometheusClient(URI.create("ftp://x"), PrometheusClient.Settings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)://HOST");
  }
}
