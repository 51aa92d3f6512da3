package io.casefile.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the three webhook forms into an {@link AlertNotification}, naming the field at fault:
 * Prometheus Alertmanager's webhook (version 4), Grafana's webhook contact point (Alertmanager's
 * shape plus {@code orgId}, {@code values}, {@code dashboardURL}, {@code panelURL}) and a generic
 * JSON form ({@code group_key}, {@code alerts[]} of {@code labels}, {@code annotations},
 * {@code starts_at}, {@code ends_at}, {@code status}, {@code fingerprint}; or one alert at the top).
 * Bad input throws {@link IllegalArgumentException}.
 */
public final class AlertPayloads {
  private AlertPayloads() {}

  public static AlertNotification alertmanager(byte[] body) {
    JsonNode root = object(body, "Alertmanager webhook");
    JsonNode version = root.get("version");
    if (version != null && !version.asText().equals("4")) {
      throw new IllegalArgumentException("version: Alertmanager webhook version 4 is supported, got '"
          + version.asText() + "'");
    }
    return camel(root, "alertmanager", true);
  }

  public static AlertNotification grafana(byte[] body) {
    JsonNode root = object(body, "Grafana webhook");
    if (root.has("orgId") && !root.get("orgId").isIntegralNumber()) {
      throw new IllegalArgumentException("orgId must be an integer, got " + root.get("orgId"));
    }
    return camel(root, "grafana", false);
  }

  public static AlertNotification generic(byte[] body) {
    JsonNode root = object(body, "alert");
    JsonNode list = root.get("alerts");
    List<Alert> alerts = new ArrayList<>();
    if (list == null) {
      alerts.add(genericAlert(root, ""));
    } else {
      requireArray(list, "alerts");
      for (int i = 0; i < list.size(); i++) {
        alerts.add(genericAlert(list.get(i), "alerts[" + i + "]."));
      }
    }
    String groupKey = text(root, "group_key", "", false);
    if (groupKey == null) {
      groupKey = "generic:" + alerts.getFirst().name();
    }
    return new AlertNotification("generic", text(root, "receiver", "", false), groupKey,
        labels(root.get("group_labels"), "group_labels"), labels(root.get("common_labels"), "common_labels"), alerts, 0,
        null);
  }

  private static AlertNotification camel(JsonNode root, String source, boolean fingerprintRequired) {
    JsonNode list = root.get("alerts");
    if (list == null) {
      throw new IllegalArgumentException("alerts is required: the notification's list of alerts");
    }
    requireArray(list, "alerts");
    String status = text(root, "status", "", true);
    if (!status.equals("firing") && !status.equals("resolved")) {
      throw new IllegalArgumentException("status must be firing or resolved, got '" + status + "'");
    }
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "alerts[" + i + "].";
      JsonNode a = list.get(i);
      if (!a.isObject()) {
        throw new IllegalArgumentException(at.substring(0, at.length() - 1) + " must be an object");
      }
      Map<String, String> labels = labels(a.get("labels"), at + "labels");
      String fingerprint = text(a, "fingerprint", at, fingerprintRequired);
      alerts.add(new Alert(firing(a, at, status), labels, labels(a.get("annotations"), at + "annotations"),
          time(a, "startsAt", at, true), time(a, "endsAt", at, false),
          fingerprint == null ? fingerprint(labels) : fingerprint, text(a, "generatorURL", at, false),
          values(a.get("values"), at + "values")));
    }
    int truncated = root.has("truncatedAlerts") ? root.get("truncatedAlerts").asInt(-1) : 0;
    if (truncated < 0) {
      throw new IllegalArgumentException("truncatedAlerts must be a non-negative integer, got " + root.get("truncatedAlerts"));
    }
    return new AlertNotification(source, text(root, "receiver", "", false), text(root, "groupKey", "", true),
        labels(root.get("groupLabels"), "groupLabels"), labels(root.get("commonLabels"), "commonLabels"), alerts,
        truncated, text(root, "externalURL", "", false));
  }

  private static Alert genericAlert(JsonNode a, String at) {
    if (!a.isObject()) {
      throw new IllegalArgumentException((at.isEmpty() ? "body" : at.substring(0, at.length() - 1)) + " must be an object");
    }
    if (a.get("labels") == null) {
      throw new IllegalArgumentException(at + "labels is required (an object of string labels)");
    }
    Map<String, String> labels = labels(a.get("labels"), at + "labels");
    String status = text(a, "status", at, false);
    if (status != null && !status.equals("firing") && !status.equals("resolved")) {
      throw new IllegalArgumentException(at + "status must be firing or resolved, got '" + status + "'");
    }
    String fingerprint = text(a, "fingerprint", at, false);
    return new Alert(!"resolved".equals(status), labels, labels(a.get("annotations"), at + "annotations"),
        time(a, "starts_at", at, true), time(a, "ends_at", at, false),
        fingerprint == null ? fingerprint(labels) : fingerprint, text(a, "generator_url", at, false), Map.of());
  }

  private static boolean firing(JsonNode a, String at, String fallback) {
    String s = a.has("status") ? text(a, "status", at, true) : fallback;
    if (!s.equals("firing") && !s.equals("resolved")) {
      throw new IllegalArgumentException(at + "status must be firing or resolved, got '" + s + "'");
    }
    return s.equals("firing");
  }

  /** The first 16 hex digits of the SHA-256 of the sorted label set. */
  static String fingerprint(Map<String, String> labels) {
    var b = new StringBuilder();
    new TreeMap<>(labels).forEach((k, v) -> b.append(k).append('\u0000').append(v).append('\u0000'));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static JsonNode object(byte[] body, String what) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(what + " could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return root;
  }

  private static void requireArray(JsonNode n, String name) {
    if (!n.isArray()) {
      throw new IllegalArgumentException(name + " must be an array, got " + n.getNodeType().name().toLowerCase());
    }
    if (n.isEmpty()) {
      throw new IllegalArgumentException(name + " must hold at least one alert");
    }
  }

  private static String text(JsonNode o, String field, String at, boolean required) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
      if (required) {
        throw new IllegalArgumentException(at + field + " is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(at + field + " must be a string, got " + n);
    }
    return n.asText();
  }

  private static Instant time(JsonNode o, String field, String at, boolean required) {
    String t = text(o, field, at, required);
    if (t == null) {
      return null;
    }
    try {
      Instant i = OffsetDateTime.parse(t).toInstant();
      // Alertmanager and Grafana send Go's zero time for "not ended"
      return i.isBefore(Instant.parse("1970-01-02T00:00:00Z")) && !required ? null : i;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(at + field + " must be an RFC 3339 time like 2026-01-02T15:04:05Z, got '"
          + t + "'");
    }
  }

  private static Map<String, String> labels(JsonNode n, String name) {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(name + " must be an object of strings, got " + n.getNodeType().name().toLowerCase());
    }
    Map<String, String> out = new LinkedHashMap<>();
    var it = n.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new IllegalArgumentException(name + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Map<String, Double> values(JsonNode n, String name) {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(name + " must be an object of numbers");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    var it = n.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isNumber()) {
        throw new IllegalArgumentException(name + "." + e.getKey() + " must be a number, got " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asDouble());
    }
    return out;
  }
}
