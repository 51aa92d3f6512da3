package io.casefile.store.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.JsonCodec;
import io.casefile.model.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which metrics and labels mean what: the request counter, the duration histogram and its unit, the
 * labels naming the service and the operation (a flow), the label and values that mark an error, the
 * label filter selecting request (server-side) series, the attributes behind other labels
 * ({@code service.version} behind {@code service_version}: spanmetrics turns dots into underscores)
 * and the resolution of the data. Presets cover the OpenTelemetry Collector's spanmetrics connector
 * and the OpenTelemetry HTTP server metrics; a JSON file overrides any part of a preset.
 */
public record MetricsMapping(String requests, String durationBuckets, double durationUnitMs, String service,
    List<String> operation, String errorLabel, String errorMatches, String errorAttribute,
    Map<String, String> filter, Map<String, String> dimensions, Duration step) {

  /** Attributes commonly added as spanmetrics dimensions, reported under their attribute names. */
  static final List<String> COMMON_DIMENSIONS = List.of("service.version", "service.namespace",
      "deployment.environment.name", "deployment.environment", "cloud.region", "cloud.availability_zone",
      "host.name", "k8s.namespace.name", "k8s.pod.name", "feature_flag.key", "feature_flag.result.variant",
      "http.request.method", "http.response.status_code", "rpc.grpc.status_code", "error.type", "exception.type",
      "server.address", "peer.service");

  /** The OpenTelemetry Collector spanmetrics connector (calls counter, millisecond histogram). */
  public static final MetricsMapping SPANMETRICS = new MetricsMapping("traces_span_metrics_calls_total",
      "traces_span_metrics_duration_milliseconds_bucket", 1, "service_name", List.of("span_name"), "status_code",
      "STATUS_CODE_ERROR", "otel.status_code", Map.of("span_kind", "SPAN_KIND_SERVER|SPAN_KIND_CONSUMER"),
      underscored(COMMON_DIMENSIONS), Duration.ofSeconds(15));

  /** OpenTelemetry HTTP server metrics ({@code http.server.request.duration} in seconds) as Prometheus names them. */
  public static final MetricsMapping HTTP_SERVER = new MetricsMapping("http_server_request_duration_seconds_count",
      "http_server_request_duration_seconds_bucket", 1000, "job", List.of("http_request_method", "http_route"),
      "http_response_status_code", "5..", "http.response.status_code", Map.of(), underscored(COMMON_DIMENSIONS),
      Duration.ofSeconds(15));

  private static final Set<String> KEYS = Set.of("preset", "requests", "duration_buckets", "duration_unit", "service",
      "operation", "error", "filter", "dimensions", "step");

  public MetricsMapping {
    requireMetric("requests", requests);
    requireMetric("duration_buckets", durationBuckets);
    if (!(durationUnitMs > 0)) {
      throw new IllegalArgumentException("duration unit must be positive ms, got " + durationUnitMs);
    }
    requireLabel("service", service);
    operation = List.copyOf(Objects.requireNonNull(operation, "operation"));
    if (operation.isEmpty()) {
      throw new IllegalArgumentException("operation needs at least one label");
    }
    operation.forEach(l -> requireLabel("operation", l));
    requireLabel("error.label", errorLabel);
    requireRegex("error.matches", errorMatches);
    Objects.requireNonNull(errorAttribute, "error.attribute");
    filter = Map.copyOf(filter);
    filter.forEach((l, re) -> {
      requireLabel("filter", l);
      requireRegex("filter." + l, re);
    });
    dimensions = Map.copyOf(dimensions);
    dimensions.forEach((a, l) -> requireLabel("dimensions." + a, l));
    if (step == null || step.toMillis() < 1000 || step.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("step must be whole seconds, at least 1 s, got " + step);
    }
  }

  /** The labels that name a flow: the service, then the operation's. */
  List<String> flowLabels() {
    List<String> out = new ArrayList<>(List.of(service));
    out.addAll(operation);
    return out;
  }

  /** The attribute a label stands for: a dimension's attribute, the error's, or the label itself. */
  String attributeOf(String label) {
    if (label.equals(errorLabel)) {
      return errorAttribute;
    }
    for (var e : dimensions.entrySet()) {
      if (e.getValue().equals(label)) {
        return e.getKey();
      }
    }
    return label;
  }

  /** The label an attribute is kept in: its dimension's, or the attribute with every other character as {@code _}. */
  String labelOf(String attribute) {
    if (attribute.equals(errorAttribute)) {
      return errorLabel;
    }
    return dimensions.getOrDefault(attribute, underscore(attribute));
  }

  static String underscore(String attribute) {
    String l = attribute.replaceAll("[^a-zA-Z0-9_]", "_");
    return l.isEmpty() || Character.isDigit(l.charAt(0)) ? "_" + l : l;
  }

  private static Map<String, String> underscored(List<String> attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    attributes.forEach(a -> out.put(a, underscore(a)));
    return out;
  }

  /** This mapping with more attributes behind labels (a label listed twice keeps the new attribute). */
  public MetricsMapping withDimensions(List<String> attributes) {
    Map<String, String> d = new LinkedHashMap<>(dimensions);
    for (String a : attributes) {
      String l = underscore(a);
      d.values().removeIf(l::equals);
      d.put(a, l);
    }
    return new MetricsMapping(requests, durationBuckets, durationUnitMs, service, operation, errorLabel, errorMatches,
        errorAttribute, filter, d, step);
  }

  /** A preset by name: {@code spanmetrics} or {@code http-server}. */
  public static MetricsMapping preset(String name) {
    return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "spanmetrics" -> SPANMETRICS;
      case "http-server", "http_server" -> HTTP_SERVER;
      default -> throw new IllegalArgumentException("mapping preset must be spanmetrics or http-server, got: " + name);
    };
  }

  /** Reads a JSON mapping file; every key is optional and overrides its preset (default spanmetrics). */
  public static MetricsMapping load(Path file) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the metrics mapping " + file + ": " + e.getMessage());
    }
    try {
      return parse(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metrics mapping " + file + ": " + e.getMessage());
    }
  }

  static MetricsMapping parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("must be a JSON object like {\"preset\": \"spanmetrics\", \"dimensions\": [...]}");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown key '" + k + "'; known keys: " + new java.util.TreeSet<>(KEYS));
      }
    }
    MetricsMapping p = preset(root.has("preset") ? text(root, "preset") : "spanmetrics");
    String unit = root.has("duration_unit") ? text(root, "duration_unit") : null;
    double unitMs = unit == null ? p.durationUnitMs : switch (unit) {
      case "ms" -> 1;
      case "s" -> 1000;
      case "us" -> 0.001;
      default -> throw new IllegalArgumentException("duration_unit must be s, ms or us, got: " + unit);
    };
    List<String> op = p.operation;
    if (root.has("operation")) {
      JsonNode o = root.get("operation");
      op = new ArrayList<>();
      if (o.isTextual()) {
        op.add(o.asText());
      } else if (o.isArray()) {
        for (JsonNode n : o) {
          op.add(n.asText());
        }
      } else {
        throw new IllegalArgumentException("operation must be a label or a list of labels");
      }
    }
    String errLabel = p.errorLabel;
    String errMatches = p.errorMatches;
    String errAttribute = p.errorAttribute;
    if (root.has("error")) {
      JsonNode e = root.get("error");
      if (!e.isObject() || !e.has("label") || !e.has("matches")) {
        throw new IllegalArgumentException("error must be {\"label\": LABEL, \"matches\": REGEX[, \"attribute\": NAME]}");
      }
      errLabel = text(e, "label");
      errMatches = text(e, "matches");
      errAttribute = e.has("attribute") ? text(e, "attribute") : errLabel;
    }
    Map<String, String> filter = p.filter;
    if (root.has("filter")) {
      filter = stringMap(root.get("filter"), "filter");
    }
    MetricsMapping m = new MetricsMapping(root.has("requests") ? text(root, "requests") : p.requests,
        root.has("duration_buckets") ? text(root, "duration_buckets") : p.durationBuckets, unitMs,
        root.has("service") ? text(root, "service") : p.service, op, errLabel, errMatches, errAttribute, filter,
        p.dimensions, root.has("step") ? step(text(root, "step")) : p.step);
    if (root.has("dimensions")) {
      JsonNode d = root.get("dimensions");
      if (d.isArray()) {
        List<String> attrs = new ArrayList<>();
        d.forEach(n -> attrs.add(n.asText()));
        m = m.withDimensions(attrs);
      } else if (d.isObject()) {
        Map<String, String> dims = new LinkedHashMap<>(m.dimensions);
        stringMap(d, "dimensions").forEach((a, l) -> {
          dims.values().removeIf(l::equals);
          dims.put(a, l);
        });
        m = new MetricsMapping(m.requests, m.durationBuckets, m.durationUnitMs, m.service, m.operation, m.errorLabel,
            m.errorMatches, m.errorAttribute, m.filter, dims, m.step);
      } else {
        throw new IllegalArgumentException("dimensions must be a list of attributes or {attribute: label}");
      }
    }
    return m;
  }

  private static Duration step(String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("step: " + e.getMessage());
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(key + " must be a non-empty string, got: " + v);
    }
    return v.asText();
  }

  private static Map<String, String> stringMap(JsonNode n, String key) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(key + " must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException(key + "." + e.getKey() + " must be a string, got: " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static void requireMetric(String what, String name) {
    if (name == null || !PromQl.METRIC.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must be a metric name matching " + PromQl.METRIC.pattern()
          + ", got: " + name);
    }
  }

  private static void requireLabel(String what, String name) {
    if (name == null || !PromQl.LABEL.matcher(name).matches() || name.startsWith("__")) {
      throw new IllegalArgumentException(what + " must be a label name matching " + PromQl.LABEL.pattern()
          + " (not starting with __), got: " + name);
    }
  }

  private static void requireRegex(String what, String re) {
    try {
      Pattern.compile(Objects.requireNonNull(re, what));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(what + " is not a valid regular expression: " + e.getDescription()
          + " in " + re);
    }
  }
}
