package io.casefile.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations as the command line and the API take them: {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 7d}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhd])");

  private Durations() {}

  /** Parses a positive duration; names the input when it is not one. */
  public static Duration parse(String text) {
    String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(v);
    Duration d = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      at = m.end();
    }
    if (at == 0 || at != v.length() || d.isZero()) {
      throw new IllegalArgumentException("a duration must be positive and look like 90s, 15m, 1h30m or 7d, got '"
          + text + "'");
    }
    return d;
  }
}
