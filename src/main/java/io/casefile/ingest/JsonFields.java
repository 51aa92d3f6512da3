package io.casefile.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Typed reads of OTLP/JSON fields that name the offending path: lowerCamelCase names (snake_case
 * accepted too), int64 as number or string, enums as number or name, ids as hex.
 */
final class JsonFields {
  private JsonFields() {}

  static JsonNode get(JsonNode obj, String camel) {
    JsonNode n = obj.get(camel);
    if (n == null) {
      n = obj.get(snake(camel));
    }
    return n == null || n.isNull() ? null : n;
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static void requireObject(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(path + " must be a JSON object, got " + describe(n));
    }
  }

  /** Visits each element of an array field (absent: nothing). */
  static void each(JsonNode obj, String camel, String path, BiConsumer<JsonNode, String> visit) {
    JsonNode arr = get(obj, camel);
    if (arr == null) {
      return;
    }
    if (!arr.isArray()) {
      throw new IllegalArgumentException(path + "." + camel + " must be an array, got " + describe(arr));
    }
    for (int i = 0; i < arr.size(); i++) {
      String p = path + "." + camel + "[" + i + "]";
      requireObject(arr.get(i), p);
      visit.accept(arr.get(i), p);
    }
  }

  static String string(JsonNode obj, String camel, String path) {
    JsonNode n = get(obj, camel);
    if (n == null) {
      return "";
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(path + "." + camel + " must be a string, got " + describe(n));
    }
    return n.textValue();
  }

  /** An int64/uint64 (fixed64 times too) as a number or a decimal string; absent is 0. */
  static long int64(JsonNode obj, String camel, String path) {
    JsonNode n = get(obj, camel);
    return n == null ? 0 : int64(n, path + "." + camel);
  }

  static long int64(JsonNode n, String path) {
    if (n.isIntegralNumber()) {
      if (!n.canConvertToLong()) {
        if (n.bigIntegerValue().signum() > 0 && n.bigIntegerValue().bitLength() <= 64) {
          return n.bigIntegerValue().longValue();
        }
        throw new IllegalArgumentException(path + " is out of the 64-bit range: " + n);
      }
      return n.longValue();
    }
    if (n.isTextual()) {
      try {
        String t = n.textValue();
        return t.startsWith("-") ? Long.parseLong(t) : Long.parseUnsignedLong(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(path + " must be an integer, got \"" + Ids.abbreviate(n.textValue()) + "\"");
      }
    }
    throw new IllegalArgumentException(path + " must be an integer (number or string), got " + describe(n));
  }

  static double float64(JsonNode n, String path) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      switch (n.textValue()) {
        case "NaN": return Double.NaN;
        case "Infinity": return Double.POSITIVE_INFINITY;
        case "-Infinity": return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(n.textValue());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " must be a number, got \"" + Ids.abbreviate(n.textValue()) + "\"");
          }
      }
    }
    throw new IllegalArgumentException(path + " must be a number, got " + describe(n));
  }

  /** An enum as its number or one of its names (e.g. SPAN_KIND_SERVER); absent is 0. */
  static int enumValue(JsonNode obj, String camel, String path, List<String> names) {
    JsonNode n = get(obj, camel);
    if (n == null) {
      return 0;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    if (n.isTextual()) {
      int i = names.indexOf(n.textValue());
      if (i >= 0) {
        return i;
      }
    }
    throw new IllegalArgumentException(path + "." + camel + " must be one of " + names
        + " or its number, got " + describe(n));
  }

  static String describe(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    String type = n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    return type + " " + Ids.abbreviate(n.toString());
  }
}
