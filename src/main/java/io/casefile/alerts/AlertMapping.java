package io.casefile.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.investigation.Question;
import io.casefile.model.JsonCodec;
import io.casefile.model.SignalSpec;
import io.casefile.model.Durations;
import io.casefile.model.Flow;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * From an alert's labels to a question. The flow: a {@code casefile_flow} label
 * ({@code SERVICE:OPERATION}), else the first present service label and operation label matched
 * against the flows in the store; a service with one flow is that flow; anything else is the whole
 * environment, and the explanation says so. The signal: a {@code casefile_signal} label or annotation,
 * else words in the alert's name and expression (error, 5xx → errors; latency, duration, slow →
 * latency:p99), else the error rate. The window: from {@code startsAt} minus the baseline to now.
 * Rules in a mapping file ({@code --alert-mapping}) come first: the first rule whose labels all match
 * sets the flow and the signal.
 */
public record AlertMapping(List<String> serviceLabels, List<String> operationLabels, String signalLabel,
    Duration baseline, List<Rule> rules) {

  public static final AlertMapping DEFAULTS = new AlertMapping(
      List.of("service_name", "service", "job", "app", "k8s_deployment_name", "deployment", "container"),
      List.of("http_route", "route", "span_name", "operation", "endpoint", "rpc_method"),
      "casefile_signal", Duration.ofHours(1), List.of());
  static final String FLOW_LABEL = "casefile_flow";

  private static final Pattern ERRORS = Pattern.compile("error|5xx|fail|unavailab|availability|status=~?\"5");
  private static final Pattern LATENCY = Pattern.compile("latenc|duration|slow|p99|response_?time|_seconds_bucket");

  /** Labels that must all match; then the flow (null: the whole environment) and signal (null: inferred). */
  public record Rule(Map<String, String> match, Flow flow, SignalSpec signal) {
    public Rule {
      match = Map.copyOf(match);
      if (match.isEmpty()) {
        throw new IllegalArgumentException("an alert mapping rule needs at least one label in match");
      }
    }

    boolean matches(Alert a) {
      return match.entrySet().stream().allMatch(e -> e.getValue().equals(a.labels().get(e.getKey())));
    }
  }

  /** The question, and how it was derived from the labels. */
  public record Mapped(Question question, String explanation) {}

  public AlertMapping {
    serviceLabels = List.copyOf(serviceLabels);
    operationLabels = List.copyOf(operationLabels);
    Objects.requireNonNull(signalLabel, "signal label");
    Objects.requireNonNull(baseline, "baseline");
    if (baseline.isNegative() || baseline.compareTo(Duration.ofMinutes(5)) < 0
        || baseline.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("alert mapping baseline must be between 5m and 7d, got " + baseline);
    }
    rules = List.copyOf(rules);
  }

  /** Reads a mapping file; fields it leaves out keep their defaults. */
  public static AlertMapping load(Path file) {
    try {
      return parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read alert mapping " + file + ": " + e.getMessage(), e);
    }
  }

  static AlertMapping parse(byte[] json, String origin) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(origin + " must be a JSON object");
    }
    var known = Set.of("service_labels", "operation_labels", "signal_label", "baseline", "rules");
    root.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        throw new IllegalArgumentException(origin + ": unknown field '" + f + "'; fields are " + known);
      }
    });
    try {
      List<Rule> rules = new ArrayList<>();
      JsonNode rs = root.get("rules");
      if (rs != null) {
        if (!rs.isArray()) {
          throw new IllegalArgumentException("rules must be an array");
        }
        for (int i = 0; i < rs.size(); i++) {
          rules.add(rule(rs.get(i), "rules[" + i + "]"));
        }
      }
      return new AlertMapping(strings(root.get("service_labels"), "service_labels", DEFAULTS.serviceLabels),
          strings(root.get("operation_labels"), "operation_labels", DEFAULTS.operationLabels),
          root.has("signal_label") ? root.get("signal_label").asText() : DEFAULTS.signalLabel,
          root.has("baseline") ? Durations.parse(root.get("baseline").asText()) : DEFAULTS.baseline, rules);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    }
  }

  private static Rule rule(JsonNode r, String at) {
    if (r == null || !r.isObject() || !r.has("match") || !r.get("match").isObject()) {
      throw new IllegalArgumentException(at + " must be an object with a match object of labels");
    }
    var match = new java.util.LinkedHashMap<String, String>();
    r.get("match").fields().forEachRemaining(e -> match.put(e.getKey(), e.getValue().asText()));
    String flow = r.has("flow") ? r.get("flow").asText() : null;
    String signal = r.has("signal") ? r.get("signal").asText() : null;
    return new Rule(match, flow == null || flow.isBlank() || flow.equals("*") ? null : Flow.parse(flow),
        signal == null ? null : SignalSpec.parse(signal));
  }

  private static List<String> strings(JsonNode n, String name, List<String> fallback) {
    if (n == null) {
      return fallback;
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException(name + " must be an array of label names");
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  /**
   * @param flows the flows with requests around the alert, to match labels against
   */
  public Mapped map(Alert alert, Collection<Flow> flows, Instant now) {
    List<String> why = new ArrayList<>();
    Flow flow = null;
    SignalSpec signal = null;
    boolean decided = false;
    for (Rule r : rules) {
      if (r.matches(alert)) {
        flow = r.flow();
        signal = r.signal();
        decided = true;
        why.add("mapping rule " + r.match() + " gives " + (flow == null ? "the whole environment" : "flow " + flow));
        break;
      }
    }
    if (!decided) {
      flow = flowOf(alert, flows, why);
    }
    if (signal == null) {
      signal = signalOf(alert, why);
    }
    Instant from = alert.startsAt().minus(baseline);
    Instant to = now.isAfter(alert.startsAt()) ? now : alert.startsAt().plusSeconds(60);
    return new Mapped(new Question(flow, signal, from, to), String.join("; ", why));
  }

  private Flow flowOf(Alert a, Collection<Flow> flows, List<String> why) {
    String explicit = a.labels().get(FLOW_LABEL);
    if (explicit != null) {
      Flow f = Flow.parse(explicit);
      why.add("flow " + f + " from label " + FLOW_LABEL);
      return f;
    }
    String serviceKey = first(a.labels(), serviceLabels);
    if (serviceKey == null) {
      why.add("no service label (" + String.join(", ", serviceLabels) + "): whole-environment investigation");
      return null;
    }
    String service = a.labels().get(serviceKey);
    List<Flow> ofService = flows.stream().filter(f -> f.service().equals(service)).toList();
    String operationKey = first(a.labels(), operationLabels);
    if (operationKey != null) {
      String op = a.labels().get(operationKey);
      List<Flow> match = ofService.stream().filter(f -> f.operation().equals(op)).toList();
      if (match.isEmpty()) {
        // a route label without the method: "POST /checkout" is the flow of http_route="/checkout"
        match = ofService.stream().filter(f -> f.operation().endsWith(" " + op)).toList();
      }
      if (match.size() == 1) {
        why.add("flow " + match.getFirst() + " from labels " + serviceKey + "=" + service + ", " + operationKey + "=" + op);
        return match.getFirst();
      }
      why.add("labels " + serviceKey + "=" + service + ", " + operationKey + "=" + op + " match "
          + (match.isEmpty() ? "no flow" : match.size() + " flows") + ": whole-environment investigation");
      return null;
    }
    if (ofService.size() == 1) {
      why.add("flow " + ofService.getFirst() + ", the only flow of " + serviceKey + "=" + service);
      return ofService.getFirst();
    }
    why.add("label " + serviceKey + "=" + service + " names " + (ofService.isEmpty() ? "no known service"
        : "a service with " + ofService.size() + " flows") + ": whole-environment investigation");
    return null;
  }

  private SignalSpec signalOf(Alert a, List<String> why) {
    String named = a.labels().getOrDefault(signalLabel, a.annotations().get(signalLabel));
    if (named != null) {
      try {
        SignalSpec s = SignalSpec.parse(named);
        why.add("signal " + s + " from " + signalLabel);
        return s;
      } catch (IllegalArgumentException e) {
        why.add(signalLabel + "='" + named + "' is not a signal (" + e.getMessage() + ")");
      }
    }
    String text = (a.name() + " " + expression(a)).toLowerCase(Locale.ROOT);
    if (LATENCY.matcher(text).find()) {
      why.add("signal latency:p99 from the alert's name and expression");
      return SignalSpec.latency(0.99);
    }
    if (ERRORS.matcher(text).find()) {
      why.add("signal errors from the alert's name and expression");
      return SignalSpec.ERRORS;
    }
    why.add("no signal in the alert's name or expression: investigating the error rate");
    return SignalSpec.ERRORS;
  }

  /** The rule expression: an {@code expr} annotation, else Prometheus' {@code g0.expr} in the generator URL. */
  static String expression(Alert a) {
    for (String k : List.of("expr", "expression", "query")) {
      if (a.annotations().containsKey(k)) {
        return a.annotations().get(k);
      }
    }
    String url = a.generatorUrl();
    if (url != null) {
      int q = url.indexOf('?');
      for (String part : q < 0 ? new String[0] : url.substring(q + 1).split("&")) {
        if (part.startsWith("g0.expr=")) {
          try {
            return URLDecoder.decode(part.substring(8), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            return part.substring(8);
          }
        }
      }
    }
    return "";
  }

  private static String first(Map<String, String> labels, List<String> keys) {
    for (String k : keys) {
      String v = labels.get(k);
      if (v != null && !v.isBlank()) {
        return k;
      }
    }
    return null;
  }
}
