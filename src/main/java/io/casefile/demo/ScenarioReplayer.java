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

/**
 * Sends a scenario to a running Casefile server the way real applications do: OTLP/HTTP protobuf
 * to {@code OTLP_BASE/v1/traces|logs|metrics} and change events as JSON to
 * {@code API_BASE/api/v1/changes}. Retries politely when the server answers 429 or 503 with
 * Retry-After; any other non-2xx answer fails the replay with the server's message.
 */
public final class ScenarioReplayer implements ScenarioSink {
  private static final int MAX_RETRIES = 60;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI otlpBase;
  private final URI apiBase;
  private final String token;
  private final Map<String, String> changeIds = new LinkedHashMap<>();
  private long payloads;
  private long bytes;

  /**
   * @param otlpBase for example {@code http://127.0.0.1:4318}
   * @param apiBase for example {@code http://127.0.0.1:7070}
   * @param token a bearer token with the ingest role, or null
   */
  public ScenarioReplayer(URI otlpBase, URI apiBase, String token) {
    this.otlpBase = strip(otlpBase);
    this.apiBase = strip(apiBase);
    this.token = token;
  }

  /** Replays a folder written by {@code casefile simulate}; returns the replayer for its counts and ids. */
  public static ScenarioReplayer replay(Path folder, URI otlpBase, URI apiBase) throws IOException {
    var replayer = new ScenarioReplayer(otlpBase, apiBase, null);
    ScenarioFolder.read(folder).replay(replayer);
    return replayer;
  }

  @Override
  public void change(ChangeEvent change) throws IOException {
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
    changeIds.put(change.id(), stored);
  }

  @Override
  public void payload(Payload p) throws IOException {
    send(otlpBase.resolve(p.path()), "application/x-protobuf", p.body());
    payloads++;
    bytes += p.body().length;
  }

  /** The id each change was sent with, mapped to the id the server stored it under. */
  public Map<String, String> changeIds() {
    return Map.copyOf(changeIds);
  }

  public long payloadsSent() {
    return payloads;
  }

  public long bytesSent() {
    return bytes;
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
