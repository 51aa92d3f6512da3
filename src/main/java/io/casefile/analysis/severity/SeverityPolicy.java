package io.casefile.analysis.severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Ordered rules from the most to the least severe level; the first rule whose every threshold is
 * met gives the level, else {@code fallback}. Text form, one rule per {@code ;}:
 * {@code SEV1: burn>=14.4, share>=0.25, per_minute>=100; SEV2: burn>=14.4, share>=0.05; SEV3: burn>=6; SEV4}
 * where the last rule without thresholds is the fallback.
 */
public record SeverityPolicy(List<Rule> rules, String fallback) {

  /** A level and the thresholds (0 = no threshold) that must all be met. */
  public record Rule(String level, double minBurnRate, double minTrafficShare, double minPerMinute) {
    public Rule {
      if (level == null || level.isBlank()) {
        throw new IllegalArgumentException("a severity rule needs a level name");
      }
      if (minBurnRate < 0 || minTrafficShare < 0 || minTrafficShare > 1 || minPerMinute < 0) {
        throw new IllegalArgumentException("severity rule " + level + " has a bad threshold: burn>=" + minBurnRate
            + ", share>=" + minTrafficShare + ", per_minute>=" + minPerMinute);
      }
    }

    boolean matches(double burn, double share, double perMinute) {
      return burn >= minBurnRate && share >= minTrafficShare && perMinute >= minPerMinute;
    }
  }

  public static final SeverityPolicy DEFAULT = parse(
      "SEV1: burn>=14.4, share>=0.25, per_minute>=100; SEV2: burn>=14.4, share>=0.05; SEV3: burn>=6; SEV4");

  public SeverityPolicy {
    rules = List.copyOf(Objects.requireNonNull(rules, "severity rules"));
    if (fallback == null || fallback.isBlank()) {
      throw new IllegalArgumentException("a severity policy needs a fallback level");
    }
  }

  public String level(double burnRate, double trafficShare, double perMinute) {
    for (Rule r : rules) {
      if (r.matches(burnRate, trafficShare, perMinute)) {
        return r.level();
      }
    }
    return fallback;
  }

  /** Parses the text form; names the part it could not read. */
  public static SeverityPolicy parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("severity policy is empty");
    }
    List<Rule> rules = new ArrayList<>();
    String fallback = null;
    for (String part : text.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      if (fallback != null) {
        throw new IllegalArgumentException("severity policy: the rule without thresholds must be last, found '" + p + "' after it");
      }
      int colon = p.indexOf(':');
      if (colon < 0) {
        fallback = p;
        continue;
      }
      String level = p.substring(0, colon).trim();
      double burn = 0;
      double share = 0;
      double perMinute = 0;
      for (String cond : p.substring(colon + 1).split(",")) {
        String[] kv = cond.trim().split(">=");
        if (kv.length != 2) {
          throw new IllegalArgumentException("severity policy: expected NAME>=NUMBER in '" + cond.trim() + "'");
        }
        double v;
        try {
          v = Double.parseDouble(kv[1].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("severity policy: not a number in '" + cond.trim() + "'");
        }
        switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
          case "burn" -> burn = v;
          case "share" -> share = v;
          case "per_minute" -> perMinute = v;
          default -> throw new IllegalArgumentException(
              "severity policy: unknown threshold '" + kv[0].trim() + "' (burn, share, per_minute)");
        }
      }
      rules.add(new Rule(level, burn, share, perMinute));
    }
    if (fallback == null) {
      throw new IllegalArgumentException("severity policy needs a last level without thresholds, e.g. '; SEV4'");
    }
    return new SeverityPolicy(rules, fallback);
  }
}
