package io.casefile.eval;

import io.casefile.analysis.localize.RootCause;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Squeeze/RiskLoc label convention: {@code a=1&b=2} for one element (pairs sorted), {@code ;}
 * between elements. Elements match only exactly.
 */
final class ElementLabels {
  private ElementLabels() {}

  /** Parses {@code b=b10&c=c4;a=a2&b=b12} into normalised elements. */
  static Set<String> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty root-cause label");
    }
    Set<String> out = new LinkedHashSet<>();
    for (String element : text.trim().split(";")) {
      if (element.isBlank()) continue;
      String[] pairs = element.trim().split("&");
      for (String p : pairs) {
        if (p.indexOf('=') <= 0) {
          throw new IllegalArgumentException("bad root-cause element '" + element + "' in label '" + text + "'");
        }
      }
      out.add(normalise(pairs));
    }
    return out;
  }

  static String of(RootCause cause) {
    return of(cause.attributes());
  }

  static String of(Map<String, String> attributes) {
    return normalise(attributes.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .toArray(String[]::new));
  }

  private static String normalise(String[] pairs) {
    return Arrays.stream(pairs).map(String::trim).sorted().collect(Collectors.joining("&"));
  }
}
