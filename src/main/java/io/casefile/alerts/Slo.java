package io.casefile.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.casefile.model.Flow;
import java.util.Locale;
import java.util.Objects;

/**
 * A service level objective for one flow: availability (the share of requests that do not fail) or
 * latency (the share of requests at or under {@code thresholdMs}), at {@code objective} (0.999 is
 * "99.9%"). JSON ({@link SloConfig}): {@code {"flow": "frontend:POST /checkout", "kind": "latency",
 * "objective": 0.99, "threshold_ms": 800}}.
 */
public record Slo(Flow flow, Kind kind, double objective, Double thresholdMs) {

  /** What counts as a bad request. */
  public enum Kind {
    AVAILABILITY, LATENCY;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.wireName().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException("SLO kind must be availability or latency, got: " + text);
    }
  }

  public Slo {
    Objects.requireNonNull(flow, "SLO flow");
    Objects.requireNonNull(kind, "SLO kind");
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("SLO objective for " + flow
          + " must be a fraction in (0, 1) such as 0.999, got " + objective);
    }
    if (kind == Kind.LATENCY && (thresholdMs == null || !(thresholdMs > 0) || thresholdMs.isInfinite())) {
      throw new IllegalArgumentException("latency SLO for " + flow + " needs threshold_ms > 0, got " + thresholdMs);
    }
    if (kind == Kind.AVAILABILITY && thresholdMs != null) {
      throw new IllegalArgumentException("availability SLO for " + flow + " takes no threshold_ms");
    }
  }

  public static Slo availability(Flow flow, double objective) {
    return new Slo(flow, Kind.AVAILABILITY, objective, null);
  }

  /** The objective as JSON: flow, kind, objective and (latency) threshold_ms. */
  public java.util.Map<String, Object> toJson() {
    var m = new java.util.LinkedHashMap<String, Object>();
    m.put("flow", flow.toString());
    m.put("kind", kind.wireName());
    m.put("objective", objective);
    if (thresholdMs != null) {
      m.put("threshold_ms", thresholdMs);
    }
    return m;
  }

  /** The allowed share of bad requests: 1 − objective. */
  public double errorBudget() {
    return 1 - objective;
  }

  /** A stable name: {@code availability frontend:POST /checkout} or {@code latency<=800ms …}. */
  public String id() {
    return kind == Kind.AVAILABILITY ? "availability " + flow
        : String.format(Locale.ROOT, "latency<=%sms %s", trim(thresholdMs), flow);
  }

  /** {@code 99.9% of requests succeed} or {@code 99% of requests within 800 ms}. */
  public String describe() {
    String pct = trim(objective * 100) + "%";
    return kind == Kind.AVAILABILITY ? pct + " of " + flow + " requests succeed"
        : pct + " of " + flow + " requests within " + trim(thresholdMs) + " ms";
  }

  private static String trim(double v) {
    double r = Math.round(v * 1e6) / 1e6;
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }
}
