package io.casefile.analysis.logs;

/**
 * Replaces the variable parts of one whitespace-separated token by {@code <*>}, with no knowledge of
 * the log's source. Whole tokens: month and weekday abbreviations, times of day (12:03:45), MAC
 * and IPv6 addresses. Otherwise the token is split at structural punctuation (= : , ; ( ) [ ] { }
 * quotes | !) and each piece between is masked when it is an absolute path or URL, a DNS host name
 * (proxy.cse.cuhk.edu.hk), or when its dot-separated parts with digits are numbers (with an
 * optional unit: 12ms, 3.5s, 64KB), IPv4 addresses, hex values or UUIDs, or identifiers dominated
 * by digits or with a numeric segment (blk_-1608999687919862906, dn228, msra-sa-41); a word with
 * an incidental digit (jk2_init, log4j, v2) stays, and a dotted name keeps its words (core.<*>).
 */
final class TokenMasker {
  static final String VAR = "<*>";
  private static final String STRUCTURAL = "=:,;()[]{}\"'|!";

  private static final java.util.Set<String> CALENDAR = java.util.Set.of(
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
      "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  private TokenMasker() {}

  static String mask(String token) {
    if (token.equals(VAR)) {
      return VAR;
    }
    if (CALENDAR.contains(token)) {
      return VAR;
    }
    int clock = clockOrColonGroupsEnd(token);
    if (clock > 0) {
      return VAR + token.substring(clock);
    }
    StringBuilder out = null;
    int start = 0;
    int n = token.length();
    for (int i = 0; i <= n; i++) {
      if (i == n || STRUCTURAL.indexOf(token.charAt(i)) >= 0) {
        int end = i;
        while (end > start + 1 && token.charAt(end - 1) == '.' && token.charAt(start) != '/') {
          end--; // a sentence's full stop after a value is not part of it
        }
        String piece = end > start ? maskPiece(token, start, end) : "";
        if (end > start && piece.contains(VAR)) {
          if (out == null) {
            out = new StringBuilder(n);
            out.append(token, 0, start);
          }
          out.append(piece).append(token, end, i);
        } else if (out != null) {
          out.append(token, start, i);
        }
        if (i < n && out != null) {
          out.append(token.charAt(i));
        }
        start = i + 1;
      }
    }
    return out == null ? token : out.toString();
  }

  /** 12:03:45, 00:01, 12:03:45.123, MAC addresses and IPv6: colon-joined short hex/digit groups. */
  /** The end of a leading clock/colon-group value followed only by , or ;, else -1. */
  private static int clockOrColonGroupsEnd(String t) {
    int end = t.length();
    while (end > 0 && (t.charAt(end - 1) == ',' || t.charAt(end - 1) == ';')) {
      end--;
    }
    return end > 0 && t.charAt(0) != ':' && t.charAt(end - 1) != ':' && isClockOrColonGroups(t, end) ? end : -1;
  }

  private static boolean isClockOrColonGroups(String t, int end) {
    int groups = 1;
    int groupLen = 0;
    boolean digit = false;
    for (int i = 0; i < end; i++) {
      char ch = t.charAt(i);
      if (ch == ':') {
        if (groupLen > 4) {
          return false;
        }
        groups++;
        groupLen = 0;
      } else if (isHex(ch) || (ch == '.' && groups >= 3)) {
        digit |= Character.isDigit(ch);
        groupLen++;
      } else {
        return false;
      }
    }
    return groups >= 2 && digit && (groups >= 3 || allDigitsOrColon(t, end));
  }

  private static boolean allDigitsOrColon(String t, int end) {
    for (int i = 0; i < end; i++) {
      char ch = t.charAt(i);
      if (ch != ':' && ch != '.' && !Character.isDigit(ch)) {
        return false;
      }
    }
    return true;
  }

  /** The masked form of a piece, or the piece itself (as a substring) when nothing is variable. */
  static String maskPiece(String t, int from, int to) {
    char first = t.charAt(from);
    if (first == '/' || first == '~' || first == '\\') {
      return to - from > 1 ? VAR : t.substring(from, to);
    }
    if (to - from > 1 && t.indexOf("//", from) >= 0 && t.indexOf("//", from) < to) {
      return VAR; // scheme://host/...
    }
    if (isHostName(t, from, to)) {
      return VAR;
    }
    StringBuilder out = null;
    int start = from;
    boolean allVar = true;
    for (int i = from; i <= to; i++) {
      if (i == to || t.charAt(i) == '.') {
        boolean var = i > start && isVariablePart(t, start, i);
        allVar &= var;
        if (var) {
          if (out == null) {
            out = new StringBuilder(to - from);
            out.append(t, from, start);
          }
          int len = out.length();
          boolean afterVar = len >= 4 && out.charAt(len - 1) == '.' && out.lastIndexOf(VAR) == len - 4;
          if (afterVar) {
            out.setLength(len - 1); // <*>.<*> is one variable
          } else {
            out.append(VAR);
          }
        } else if (out != null) {
          out.append(t, start, i);
        }
        if (i < to && out != null) {
          out.append('.');
        }
        start = i + 1;
      }
    }
    if (out == null) {
      return t.substring(from, to);
    }
    String masked = out.toString();
    if (!masked.equals(VAR) && !allVar && dots(t, from, to) >= 2) {
      return VAR; // a host name or similar dotted name with a number in it
    }
    return masked.equals(VAR) || allVar ? VAR : masked;
  }

  private static final java.util.Set<String> GENERIC_TLDS = java.util.Set.of(
      "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "local", "internal", "lan", "corp");

  /**
   * A DNS name of three or more labels ending in a generic or two-letter country top-level domain
   * (proxy.cse.cuhk.edu.hk). Reverse-domain names (org.mortbay.log) are code, not hosts.
   */
  static boolean isHostName(String t, int from, int to) {
    int labels = 1;
    int labelStart = from;
    for (int i = from; i < to; i++) {
      char ch = t.charAt(i);
      if (ch == '.') {
        if (i == labelStart) {
          return false;
        }
        labels++;
        labelStart = i + 1;
      } else if (!Character.isLetterOrDigit(ch) && ch != '-') {
        return false;
      }
    }
    if (labels < 3 || labelStart >= to) {
      return false;
    }
    String tld = t.substring(labelStart, to).toLowerCase(java.util.Locale.ROOT);
    String first = t.substring(from, t.indexOf('.', from)).toLowerCase(java.util.Locale.ROOT);
    boolean countryCode = tld.length() == 2 && Character.isLetter(tld.charAt(0)) && Character.isLetter(tld.charAt(1));
    return (GENERIC_TLDS.contains(tld) || countryCode) && !GENERIC_TLDS.contains(first);
  }

  private static int dots(String t, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (t.charAt(i) == '.' && i + 1 < to && t.charAt(i + 1) != '.') {
        n++;
      }
    }
    return n;
  }

  private static boolean isVariablePart(String t, int from, int to) {
    int digits = 0;
    int letters = 0;
    int hexLetters = 0;
    for (int i = from; i < to; i++) {
      char ch = t.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digits++;
      } else if (Character.isLetter(ch)) {
        letters++;
        if ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')) {
          hexLetters++;
        }
      }
    }
    if (digits == 0) {
      return false;
    }
    if (letters == 0) {
      return true; // 42, -3, 2015-10-18, 0020_000001
    }
    if (isNumberWithUnit(t, from, to)) {
      return true;
    }
    if (letters == hexLetters && digits + letters >= 6) {
      return true; // hex ids, UUIDs
    }
    if (to - from > 2 && t.charAt(from) == '0' && (t.charAt(from + 1) == 'x' || t.charAt(from + 1) == 'X')) {
      return true;
    }
    // An identifier dominated by digits, or with a number as one of its -/_ segments (msra-sa-41);
    // a word with an incidental digit (jk2_init, v2, log4j) stays.
    return digits >= 3 || (digits >= 2 && digits * 2 > letters) || hasNumericSegment(t, from, to);
  }

  private static boolean hasNumericSegment(String t, int from, int to) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || t.charAt(i) == '-' || t.charAt(i) == '_') {
        boolean numeric = i > start;
        for (int j = start; j < i && numeric; j++) {
          numeric = Character.isDigit(t.charAt(j));
        }
        if (numeric) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** 12ms, 3.5s, 64KB, 100%, -2.5e3. */
  private static boolean isNumberWithUnit(String t, int from, int to) {
    int i = from;
    if (t.charAt(i) == '-' || t.charAt(i) == '+') {
      i++;
    }
    int start = i;
    while (i < to && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
      i++;
    }
    if (i == start) {
      return false;
    }
    int unit = to - i;
    if (unit > 3) {
      return false;
    }
    for (int j = i; j < to; j++) {
      if (!Character.isLetter(t.charAt(j)) && t.charAt(j) != '%') {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
  }
}
