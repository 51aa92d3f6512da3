package io.casefile.demo;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a log pattern's {@code {name}} placeholders with realistic values: the visit's own ids
 * and amounts, measured durations, or fresh random ids, counts and numbers.
 */
final class LogLines {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private final SplittableRandom rnd;

  LogLines(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  String fill(String pattern, Visit v, Map<String, String> known) {
    Matcher m = PLACEHOLDER.matcher(pattern);
    var sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = known.containsKey(name) ? known.get(name) : value(name, v);
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String value(String name, Visit v) {
    return switch (name) {
      case "order" -> v.orderId();
      case "user" -> v.userId();
      case "sku" -> v.sku();
      case "cart" -> v.cartId();
      case "items" -> Integer.toString(v.items());
      case "amount" -> String.format(Locale.ROOT, "%.2f", v.amount());
      case "method" -> v.paymentMethod();
      case "path" -> v.page() == Visit.Page.PRODUCT ? "/products/" + v.sku() : "/products";
      case "warehouse" -> "wh-" + v.region() + "-" + (1 + rnd.nextInt(4));
      case "payment" -> "pay_" + hex(12);
      case "charge" -> "ch_" + hex(14);
      case "ms" -> Integer.toString(2 + rnd.nextInt(400));
      case "sec" -> String.format(Locale.ROOT, "%.3f", 3 + 6 * rnd.nextDouble());
      case "status" -> "500";
      case "n" -> Integer.toString(1 + rnd.nextInt(64));
      default -> throw new IllegalArgumentException("unknown log placeholder {" + name + "}");
    };
  }

  private String hex(int chars) {
    var sb = new StringBuilder();
    while (sb.length() < chars) {
      sb.append(HexFormat.of().toHexDigits(rnd.nextLong()));
    }
    return sb.substring(0, chars);
  }
}
