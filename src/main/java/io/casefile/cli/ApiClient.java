package io.casefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Talks to a running server's API (investigations, incidents, drills). A server error becomes an
 * IllegalArgumentException carrying the server's message and code, so the command prints it and
 * exits with status 2.
 */
final class ApiClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI server;
  private final String token;

  ApiClient(String server, String token) {
    URI u;
    try {
      u = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server must be a URL like http://127.0.0.1:7070, got: " + server);
    }
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
      throw new IllegalArgumentException("--server must be an http(s) URL like http://127.0.0.1:7070, got: " + server);
    }
    this.server = u;
    this.token = token == null || token.isBlank() ? null : token.trim();
  }

  static String path(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("an incident id like INC-12 is required");
    }
    return "/api/v1/incidents/" + URLEncoder.encode(id.trim(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return JsonAnswer.read(send(request(path).GET()));
  }

  String getText(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, ObjectNode body) {
    try {
      byte[] bytes = JsonCodec.mapper().writeValueAsBytes(body);
      return JsonAnswer.read(send(request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    var b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofMinutes(2));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private String send(HttpRequest.Builder b) {
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IllegalArgumentException("cannot reach the Casefile server at " + server
          + " (is `casefile serve` running? set --server)");
    } catch (IOException e) {
      throw new IllegalArgumentException("request to " + server + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted");
    }
    if (r.statusCode() / 100 != 2) {
      String message = "HTTP " + r.statusCode();
      try {
        JsonNode err = JsonCodec.mapper().readTree(r.body()).path("error");
        if (err.has("message")) {
          message = err.get("message").asText() + " (" + err.path("code").asText() + ")";
        }
      } catch (IOException ignored) {
        // not JSON: keep the status line
      }
      throw new IllegalArgumentException(message);
    }
    return r.body();
  }

  /** Parses a server answer; a non-JSON answer is a server fault worth naming. */
  static final class JsonAnswer {
    private JsonAnswer() {}

    static JsonNode read(String body) {
      try {
        return JsonCodec.mapper().readTree(body);
      } catch (IOException e) {
        throw new IllegalArgumentException("the server answered with something that is not JSON: "
            + body.substring(0, Math.min(200, body.length())));
      }
    }
  }
}
