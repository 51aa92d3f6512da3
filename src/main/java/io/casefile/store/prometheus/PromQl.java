package io.casefile.store.prometheus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** PromQL text: quoted label values, escaped regular expressions, durations and label lists. */
final class PromQl {
  static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private PromQl() {}

  /** A double-quoted PromQL string literal; any value, including one from telemetry, is safe. */
  static String quote(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** {@code metric{a="x",b=~"y"}}: equality matchers from {@code equal}, regex ones from {@code regex}. */
  static String selector(String metric, Map<String, String> equal, Map<String, String> regex) {
    StringBuilder b = new StringBuilder(metric).append('{');
    equal.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append('=').append(quote(v)));
    regex.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append("=~").append(quote(v)));
    return b.append('}').toString();
  }

  /** A PromQL duration: whole seconds, or milliseconds. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /** {@code sum by (a, b) (increase(SELECTOR[W]))}; no labels gives a plain {@code sum}. */
  static String increase(String selector, List<String> by, Duration window) {
    return "sum" + by(by) + "(increase(" + selector + "[" + duration(window) + "]))";
  }

  static String by(List<String> labels) {
    return labels.isEmpty() ? " " : " by (" + String.join(", ", labels) + ") ";
  }
}
