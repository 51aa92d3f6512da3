package io.casefile.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.demo.Payload;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.model.JsonCodec;
import io.casefile.model.TimeRange;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A labelled case replayed into a fresh in-process server on a temporary folder through its
 * OTLP/HTTP receiver, then asked one question through {@code POST /api/v1/investigations}; the
 * answer is the JSON the API returned.
 */
final class ReplayedCase {
  static final int VERBOSE_CAUSES = 5;

  private ReplayedCase() {}

  /** Sends the payloads in order, asks the question (no flow, no signal) and returns the answer. */
  static JsonNode investigate(List<Payload> payloads, TimeRange range, TimeRange baseline) throws IOException {
    Path data = Files.createTempDirectory("casefile-eval-");
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(data).withRetention(null))) {
      try (ScenarioReplayer replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null)) {
        for (Payload p : payloads) {
          replayer.payload(p);
        }
        replayer.flush();
      }
      ObjectNode q = JsonCodec.mapper().createObjectNode();
      q.put("from", range.from().toString());
      q.put("to", range.to().toString());
      if (baseline != null) {
        q.putObject("baseline").put("from", baseline.from().toString()).put("to", baseline.to().toString());
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.apiUri() + "/api/v1/investigations"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(q.toString())).build();
      HttpResponse<String> response;
      try (HttpClient client = HttpClient.newHttpClient()) {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while investigating", e);
      }
      if (response.statusCode() != 200) {
        throw new IOException("the investigation answered " + response.statusCode() + ": " + response.body());
      }
      return JsonCodec.mapper().readTree(response.body());
    } finally {
      delete(data);
    }
  }

  /** The distinct services of the answer's root causes, most likely first. */
  static List<String> rankedServices(JsonNode answer) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode causes = answer.path("root_causes");
    for (JsonNode c : causes) {
      out.add(c.path("service").asText());
    }
    return new ArrayList<>(out);
  }

  /**
   * Prints which windows the root causes compare, then the answer's first {@link #VERBOSE_CAUSES}
   * root causes, each with its score, kind and reasons.
   */
  static void printCauses(JsonNode answer, PrintStream out) {
    for (JsonNode n : answer.path("notes")) {
      if (n.asText().startsWith("root causes compare")) {
        out.println("    " + n.asText());
      }
    }
    int i = 0;
    for (JsonNode c : answer.path("root_causes")) {
      if (++i > VERBOSE_CAUSES) {
        break;
      }
      out.printf(Locale.ROOT, "    %d. %s  score %s  %s%n", i, c.path("service").asText(), c.path("score").asText(),
          c.path("kind").asText());
      for (JsonNode r : c.path("reasons")) {
        out.printf(Locale.ROOT, "         %-8s %s%n", r.path("kind").asText(), r.path("text").asText());
      }
    }
    if (i == 0) {
      for (JsonNode n : answer.path("notes")) {
        out.println("    " + n.asText());
      }
    }
  }

  /** The 1-based rank of {@code truth} among the services, 0 when absent. */
  static int rank(List<String> services, String truth) {
    int i = services.indexOf(truth);
    return i < 0 ? 0 : i + 1;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
