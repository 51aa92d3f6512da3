package io.casefile.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * What a question measures: the error rate ({@code errors}), a latency quantile
 * ({@code latency:p99}, {@code latency:p50}, {@code latency:p99.9}) or a throughput drop
 * ({@code throughput}). JSON is the wire text.
 */
public record SignalSpec(Kind kind, double quantile) {

  public enum Kind { ERRORS, LATENCY, THROUGHPUT }

  public static final SignalSpec ERRORS = new SignalSpec(Kind.ERRORS, 0);
  public static final SignalSpec THROUGHPUT = new SignalSpec(Kind.THROUGHPUT, 0);
  /** A percentile as written: up to three digits, at most three decimals. */
  private static final java.util.regex.Pattern PERCENTILE = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3})?");

  public SignalSpec {
    Objects.requireNonNull(kind, "signal kind");
    if (kind == Kind.LATENCY && !(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("latency quantile must be in (0, 1], got " + quantile);
    }
    if (kind != Kind.LATENCY) {
      quantile = 0;
    }
  }

  public static SignalSpec latency(double quantile) {
    return new SignalSpec(Kind.LATENCY, quantile);
  }

  /** Parses {@code errors}, {@code throughput} or {@code latency:pNN}; names the bad text. */
  @JsonCreator
  public static SignalSpec parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "errors", "error", "error_rate" -> { return ERRORS; }
      case "throughput" -> { return THROUGHPUT; }
      case "latency" -> { return latency(0.99); }
      default -> { }
    }
    if (t.startsWith("latency:p") && PERCENTILE.matcher(t.substring("latency:p".length())).matches()) {
      double pct = Double.parseDouble(t.substring("latency:p".length()));
      if (pct > 0 && pct <= 100) {
        return latency(pct / 100.0);
      }
    }
    throw new IllegalArgumentException("signal must be errors, throughput or latency:pNN with a percentile above 0 "
        + "and up to 100, at most 3 decimals (e.g. latency:p99, latency:p99.9, latency:p100 for the maximum), got: "
        + text);
  }

  public boolean isLatency() {
    return kind == Kind.LATENCY;
  }

  /** The percentile as text without trailing zeros: 99, 50, 99.9. */
  public String percentileText() {
    double p = quantile * 100;
    return p == Math.rint(p) ? Long.toString(Math.round(p)) : String.valueOf(Math.round(p * 1000) / 1000.0);
  }

  @JsonValue
  @Override
  public String toString() {
    return switch (kind) {
      case ERRORS -> "errors";
      case THROUGHPUT -> "throughput";
      case LATENCY -> "latency:p" + percentileText();
    };
  }
}
