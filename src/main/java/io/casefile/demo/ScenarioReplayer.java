package io.casefile.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.ChangeEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends a scenario to a running Casefile server the way real applications do: OTLP/HTTP protobuf
 * to {@code OTLP_BASE/v1/traces|logs|metrics} and change events as JSON to
 * {@code API_BASE/api/v1/changes}. Retries politely when the server answers 429 or 503 with
 * Retry-After; any other non-2xx answer fails the replay with the server's message.
 *
 * <p>With a {@code parallelism} above 1, payloads go out on that many connections at once, as a
 * fleet of services would send them; a change event waits until every earlier payload is
 * acknowledged, so the server sees each change after the telemetry that preceded it, and
 * {@link #flush} or {@link #close} waits for the rest. With 1 (the three-argument constructor)
 * every call returns once the server has acknowledged it.
 */
public final class ScenarioReplayer implements ScenarioSink, AutoCloseable {
  private static final int MAX_RETRIES = 60;
  public static final int DEFAULT_PARALLELISM = 4;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI otlpBase;
  private final URI apiBase;
  private final String token;
  private final Map<String, String> changeIds = new LinkedHashMap<>();
  private final int parallelism;
  private final Semaphore inFlight;
  private final ExecutorService senders;
  private final AtomicLong payloads = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicReference<IOException> failure = new AtomicReference<>();

  /**
   * @param otlpBase for example {@code http://127.0.0.1:4318}
   * @param apiBase for example {@code http://127.0.0.1:7070}
   * @param token a bearer token with the ingest role, or null
   */
  public ScenarioReplayer(URI otlpBase, URI apiBase, String token) {
    this(otlpBase, apiBase, token, 1);
  }

  public ScenarioReplayer(URI otlpBase, URI apiBase, String token, int parallelism) {
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("parallelism must be 1..64, got " + parallelism);
    }
    this.otlpBase = strip(otlpBase);
    this.apiBase = strip(apiBase);
    this.token = token;
    this.parallelism = parallelism;
    this.inFlight = new Semaphore(parallelism);
    this.senders = parallelism == 1 ? null
        : Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().daemon().name("replay-", 0).factory());
  }

  /** Replays a folder written by {@code casefile simulate}; returns the replayer for its counts and ids. */
  public static ScenarioReplayer replay(Path folder, URI otlpBase, URI apiBase) throws IOException {
    try (var replayer = new ScenarioReplayer(otlpBase, apiBase, null, DEFAULT_PARALLELISM)) {
      ScenarioFolder.read(folder).replay(replayer);
      replayer.flush();
      return replayer;
    }
  }

  @Override
  public void change(ChangeEvent change) throws IOException {
    flush();
    byte[] body = DemoJson.MAPPER.writeValueAsBytes(DemoJson.wire(change));
    HttpResponse<byte[]> r = send(apiBase.resolve("/api/v1/changes"), "application/json", body);
    String stored = change.id();
    try {
      JsonNode answer = DemoJson.MAPPER.readTree(r.body());
      JsonNode id = answer.has("id") ? answer.get("id") : answer.path("change").get("id");
      if (id != null && id.isTextual()) {
        stored = id.asText();
      }
    } catch (IOException notJson) {
      // an answer without a JSON id: the server kept the id we sent
    }
    synchronized (changeIds) {
      changeIds.put(change.id(), stored);
    }
  }

  @Override
  public void payload(Payload p) throws IOException {
    if (senders == null) {
      send(otlpBase.resolve(p.path()), "application/x-protobuf", p.body());
      payloads.incrementAndGet();
      bytes.addAndGet(p.body().length);
      return;
    }
    rethrow();
    acquire(1);
    try {
      senders.execute(() -> {
        try {
          send(otlpBase.resolve(p.path()), "application/x-protobuf", p.body());
          payloads.incrementAndGet();
          bytes.addAndGet(p.body().length);
        } catch (IOException e) {
          failure.compareAndSet(null, e);
        } finally {
          inFlight.release();
        }
      });
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  /** Waits until every payload sent so far is acknowledged; throws the first failure. */
  public void flush() throws IOException {
    acquire(parallelism);
    inFlight.release(parallelism);
    rethrow();
  }

  /** Waits for the payloads still in flight, then stops the senders. */
  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      if (senders != null) {
        senders.shutdownNow();
      }
    }
  }

  private void acquire(int permits) throws IOException {
    try {
      inFlight.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the server", e);
    }
  }

  private void rethrow() throws IOException {
    IOException e = failure.get();
    if (e != null) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The id each change was sent with, mapped to the id the server stored it under. */
  public Map<String, String> changeIds() {
    synchronized (changeIds) {
      return Map.copyOf(changeIds);
    }
  }

  public long payloadsSent() {
    return payloads.get();
  }

  public long bytesSent() {
    return bytes.get();
  }

  private HttpResponse<byte[]> send(URI uri, String contentType, byte[] body) throws IOException {
    var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> r;
      try {
        r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while sending to " + uri, e);
      }
      int status = r.statusCode();
      if (status / 100 == 2) {
        return r;
      }
      if ((status == 429 || status == 503) && attempt < MAX_RETRIES) {
        pause(r.headers().firstValue("Retry-After").map(ScenarioReplayer::seconds).orElse(1L));
        continue;
      }
      String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
      throw new IOException("POST " + uri + " answered " + status + ": "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }
  }

  private static long seconds(String retryAfter) {
    try {
      return Math.clamp(Long.parseLong(retryAfter.trim()), 0, 10);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static void pause(long seconds) throws IOException {
    try {
      Thread.sleep(Math.max(50, seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry", e);
    }
  }

  private static URI strip(URI base) {
    String s = base.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }
}
