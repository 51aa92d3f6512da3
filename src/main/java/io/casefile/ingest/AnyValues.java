package io.casefile.ingest;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;

/**
 * OTLP AnyValue as stored text: numbers as decimal text, booleans true/false, a one-value array as
 * its value, other arrays and maps as JSON.
 */
final class AnyValues {
  private AnyValues() {}

  static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue() ? "true" : "false";
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> number(v.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        // one value in an array (an HTTP header, as the semantic conventions record them) is that value
        if (v.getArrayValue().getValuesCount() == 1) {
          AnyValue only = v.getArrayValue().getValues(0);
          if (only.getValueCase() != AnyValue.ValueCase.ARRAY_VALUE && only.getValueCase() != AnyValue.ValueCase.KVLIST_VALUE) {
            yield text(only);
          }
        }
        StringBuilder sb = new StringBuilder();
        json(v, sb);
        yield sb.toString();
      }
      case KVLIST_VALUE -> {
        StringBuilder sb = new StringBuilder();
        json(v, sb);
        yield sb.toString();
      }
      default -> null;
    };
  }

  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static void json(AnyValue v, StringBuilder sb) {
    switch (v.getValueCase()) {
      case STRING_VALUE -> quote(v.getStringValue(), sb);
      case BYTES_VALUE -> quote(text(v), sb);
      case BOOL_VALUE, INT_VALUE -> sb.append(text(v));
      case DOUBLE_VALUE -> {
        double d = v.getDoubleValue();
        if (Double.isFinite(d)) {
          sb.append(number(d));
        } else {
          quote(Double.toString(d), sb);
        }
      }
      case ARRAY_VALUE -> {
        sb.append('[');
        for (int i = 0; i < v.getArrayValue().getValuesCount(); i++) {
          sb.append(i == 0 ? "" : ",");
          json(v.getArrayValue().getValues(i), sb);
        }
        sb.append(']');
      }
      case KVLIST_VALUE -> {
        sb.append('{');
        for (int i = 0; i < v.getKvlistValue().getValuesCount(); i++) {
          KeyValue kv = v.getKvlistValue().getValues(i);
          sb.append(i == 0 ? "" : ",");
          quote(kv.getKey(), sb);
          sb.append(':');
          json(kv.getValue(), sb);
        }
        sb.append('}');
      }
      default -> sb.append("null");
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
