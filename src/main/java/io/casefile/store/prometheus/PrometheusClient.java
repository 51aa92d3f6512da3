package io.casefile.store.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Prometheus HTTP query API ({@code /api/v1/query}, {@code query_range}, {@code series},
 * {@code labels}, {@code label/NAME/values}) as Prometheus, Thanos, Mimir and VictoriaMetrics serve
 * it. Each request has a timeout; connection failures and 5xx answers are retried with exponential
 * backoff; answers over the series or points limit are refused. Every failure names the backend and
 * the query, and a refused query carries the backend's own {@code errorType} and {@code error}.
 */
public final class PrometheusClient {

  /** The most series one answer may hold, and the most points (series × steps) one range query may read. */
  public record Limits(int maxSeries, long maxPoints) {
    public static final Limits DEFAULT = new Limits(50_000, 5_000_000);

    public Limits {
      if (maxSeries < 1 || maxPoints < 1) {
        throw new IllegalArgumentException("series and points limits must be >= 1, got " + maxSeries + ", " + maxPoints);
      }
    }
  }

  /** Timeout per request, retries after the first attempt, the first backoff (doubled each retry). */
  public record Settings(Duration timeout, int retries, Duration backoff, Limits limits) {
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), 3, Duration.ofMillis(200), Limits.DEFAULT);

    public Settings {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("retries must be within 0..10, got " + retries);
      }
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(limits, "limits");
    }
  }

  /** One answered series: its labels (without {@code __name__}) and its points, times in ms. */
  public record Series(Map<String, String> labels, long[] timesMs, double[] values) {
    public Series {
      labels = Map.copyOf(labels);
    }

    /** The value of the last point (instant queries have one), or 0 for none. */
    public double last() {
      return values.length == 0 ? 0 : values[values.length - 1];
    }
  }

  private final URI base;
  private final Settings settings;
  private final HttpClient http;

  public PrometheusClient(URI base, Settings settings) {
    this.base = checkedBase(base);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  static URI checkedBase(URI uri) {
    Objects.requireNonNull(uri, "Prometheus URL");
    String s = uri.toString().replaceAll("/+$", "");
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("Prometheus URL must be http(s)://HOST[:PORT][/PATH], got: " + uri);
    }
    return URI.create(s);
  }

  public URI base() {
    return base;
  }

  public Settings settings() {
    return settings;
  }

  /** An instant query evaluated at {@code time}. */
  public List<Series> query(String promql, Instant time) {
    return series(post("/api/v1/query", promql, form("query", promql, "time", seconds(time))), promql);
  }

  /** A range query: one point per {@code step} from {@code start} through {@code end}. */
  public List<Series> queryRange(String promql, Instant start, Instant end, Duration step) {
    long steps = Duration.between(start, end).toMillis() / step.toMillis() + 1;
    if (steps > 11_000) {
      throw new IllegalArgumentException("range query of " + steps + " steps exceeds the 11000 points per series "
          + "Prometheus allows; use a wider step: " + promql);
    }
    List<Series> out = series(post("/api/v1/query_range", promql, form("query", promql, "start", seconds(start),
        "end", seconds(end), "step", seconds(step))), promql);
    long points = 0;
    for (Series s : out) {
      points += s.values().length;
    }
    if (points > settings.limits().maxPoints()) {
      throw new IllegalArgumentException("query answered " + points + " points, over the limit of "
          + settings.limits().maxPoints() + " points per query (" + base + "): " + promql);
    }
    return out;
  }

  /** The label sets of the series matching {@code match} with samples between start and end. */
  public List<Map<String, String>> series(String match, Instant start, Instant end) {
    JsonNode data = post("/api/v1/series", match, form("match[]", match, "start", seconds(start), "end", seconds(end)));
    requireWithinSeriesLimit(data.size(), match);
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode s : data) {
      out.add(labels(s));
    }
    return out;
  }

  /** The label names of the series matching {@code match} between start and end. */
  public List<String> labels(String match, Instant start, Instant end) {
    return strings(post("/api/v1/labels", match, form("match[]", match, "start", seconds(start), "end", seconds(end))));
  }

  /** The values label {@code name} takes on the series matching {@code match} between start and end. */
  public List<String> labelValues(String name, String match, Instant start, Instant end) {
    if (!PromQl.LABEL.matcher(name).matches()) {
      throw new IllegalArgumentException("label name must match " + PromQl.LABEL.pattern() + ", got: " + name);
    }
    String query = form("match[]", match, "start", seconds(start), "end", seconds(end));
    return strings(send("/api/v1/label/" + name + "/values", match, HttpRequest.newBuilder(
        URI.create(base + "/api/v1/label/" + name + "/values?" + query)).GET()));
  }

  private JsonNode post(String path, String query, String form) {
    return send(path, query, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private JsonNode send(String path, String query, HttpRequest.Builder request) {
    HttpRequest req = request.timeout(settings.timeout()).header("Accept", "application/json").build();
    String where = "Prometheus API at " + base + path;
    long wait = settings.backoff().toMillis();
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= settings.retries();
      HttpResponse<String> resp;
      try {
        resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        throw new PrometheusException(where + " did not answer within " + settings.timeout().toSeconds()
            + " s; query: " + query, e);
      } catch (IOException e) {
        if (last) {
          throw new PrometheusException(where + " is unreachable after " + (attempt + 1) + " attempts ("
              + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); query: "
              + query, e);
        }
        pause(wait);
        wait *= 2;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PrometheusException("interrupted while waiting for " + where + "; query: " + query, e);
      }
      if (resp.statusCode() >= 500 && !last && !refusal(resp.body())) {
        pause(wait);
        wait *= 2;
        continue;
      }
      return data(where, query, resp);
    }
  }

  /** A 503 with a PromQL error body (timeout, too many samples) will not pass on a retry. */
  private static boolean refusal(String body) {
    return body != null && body.contains("\"errorType\"") && (body.contains("timeout") || body.contains("too many"));
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  private JsonNode data(String where, String query, HttpResponse<String> resp) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(resp.body());
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      String body = resp.body() == null ? "" : resp.body().strip();
      throw new PrometheusException(where + " answered " + resp.statusCode() + " without a JSON body ("
          + (body.length() > 200 ? body.substring(0, 200) + "…" : body) + "); query: " + query, null);
    }
    if (resp.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
      throw new PrometheusException(where + " refused the query with " + resp.statusCode() + " "
          + root.path("errorType").asText("error") + ": " + root.path("error").asText("(no message)") + "; query: "
          + query, null);
    }
    return root.path("data");
  }

  private List<Series> series(JsonNode data, String query) {
    JsonNode result = data.path("result");
    requireWithinSeriesLimit(result.size(), query);
    String type = data.path("resultType").asText();
    List<Series> out = new ArrayList<>(result.size());
    for (JsonNode r : result) {
      Map<String, String> labels = labels(r.path("metric"));
      labels.remove("__name__");
      JsonNode points = "matrix".equals(type) ? r.path("values") : "vector".equals(type) ? array(r.path("value")) : null;
      if (points == null) {
        throw new PrometheusException("Prometheus API at " + base + " answered a " + type
            + " where a vector or matrix was expected; query: " + query, null);
      }
      long[] t = new long[points.size()];
      double[] v = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        t[i] = Math.round(points.get(i).get(0).asDouble() * 1000);
        v[i] = parse(points.get(i).get(1).asText());
      }
      out.add(new Series(labels, t, v));
    }
    return out;
  }

  private static JsonNode array(JsonNode single) {
    return JsonCodec.mapper().createArrayNode().add(single);
  }

  private static double parse(String v) {
    return switch (v) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  private void requireWithinSeriesLimit(int n, String query) {
    if (n > settings.limits().maxSeries()) {
      throw new IllegalArgumentException("query answered " + n + " series, over the limit of "
          + settings.limits().maxSeries() + " series per query (" + base + "); narrow the flow or the dimensions: "
          + query);
    }
  }

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static List<String> strings(JsonNode data) {
    List<String> out = new ArrayList<>(data.size());
    data.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String seconds(Instant t) {
    return t.getNano() == 0 ? Long.toString(t.getEpochSecond()) : String.valueOf(t.toEpochMilli() / 1000.0);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  @Override
  public String toString() {
    return "Prometheus API at " + base;
  }
}
