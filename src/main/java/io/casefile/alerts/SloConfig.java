package io.casefile.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.Flow;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SLOs as JSON, for {@code PUT /api/v1/slos} and {@code --slo-file}: {@code {"objectives": [{"flow":
 * "frontend:POST /checkout", "kind": "availability", "objective": 0.999}, {"flow": …, "kind":
 * "latency", "objective": 0.99, "threshold_ms": 800}]}}. An empty list means "no objectives
 * configured": every entry flow gets the default availability objective.
 */
public final class SloConfig {
  private SloConfig() {}

  private static final Set<String> FIELDS = Set.of("flow", "kind", "objective", "threshold_ms");

  public static List<Slo> load(Path file) {
    try {
      return parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read SLO file " + file + ": " + e.getMessage(), e);
    }
  }

  public static List<Slo> parse(byte[] json, String origin) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("objectives") || !root.get("objectives").isArray()) {
      throw new IllegalArgumentException(origin + " must be an object with an \"objectives\" array");
    }
    root.fieldNames().forEachRemaining(f -> {
      if (!f.equals("objectives")) {
        throw new IllegalArgumentException(origin + ": unknown field '" + f + "'; only \"objectives\"");
      }
    });
    List<Slo> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonNode list = root.get("objectives");
    for (int i = 0; i < list.size(); i++) {
      String at = origin + " objectives[" + i + "]";
      Slo s;
      try {
        s = slo(list.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
      }
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException(at + ": duplicate objective " + s.id());
      }
      out.add(s);
    }
    if (out.size() > 1000) {
      throw new IllegalArgumentException(origin + ": at most 1000 objectives, got " + out.size());
    }
    return List.copyOf(out);
  }

  private static Slo slo(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("must be an object {flow, kind, objective, threshold_ms}");
    }
    o.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field '" + f + "'; fields are flow, kind, objective, threshold_ms");
      }
    });
    JsonNode flow = o.get("flow");
    if (flow == null || !flow.isTextual()) {
      throw new IllegalArgumentException("flow is required (SERVICE:OPERATION)");
    }
    JsonNode objective = o.get("objective");
    if (objective == null || !objective.isNumber()) {
      throw new IllegalArgumentException("objective is required: a number such as 0.999");
    }
    JsonNode kind = o.get("kind");
    JsonNode threshold = o.get("threshold_ms");
    if (threshold != null && !threshold.isNumber()) {
      throw new IllegalArgumentException("threshold_ms must be a number of milliseconds");
    }
    return new Slo(Flow.parse(flow.asText()), kind == null ? Slo.Kind.AVAILABILITY : Slo.Kind.parse(kind.asText()),
        objective.asDouble(), threshold == null ? null : threshold.asDouble());
  }

  public static String json(List<Slo> slos) {
    try {
      return JsonCodec.mapper().writeValueAsString(
          java.util.Map.of("objectives", slos.stream().map(Slo::toJson).toList()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write SLOs", e);
    }
  }
}
