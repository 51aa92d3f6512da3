package io.casefile.eval;

import java.util.Locale;
import java.util.Set;

/**
 * The template normalisation Loghub-2.0 applied to its corrected ground truth ("oracle template
 * correction"), applied here to mined templates before comparing strings: collapse whitespace;
 * absolute paths become variables; booleans and the default user strings (null, root, admin)
 * become variables; digit-only pieces become variables; a piece holding a variable becomes a
 * variable; then "<*>.<*>" and "<*><*>" collapse to "<*>". Every corrected ground-truth template
 * is a fixed point of this function.
 */
final class LoghubTemplateCorrection {
  private LoghubTemplateCorrection() {}

  private static final String VAR = "<*>";
  private static final String PATH_DELIMITERS = ",!;:=|\"'[](){}";
  private static final String TOKEN_DELIMITERS = PATH_DELIMITERS + ".-+@#$%&";
  private static final Set<String> WORDS = Set.of("true", "false", "null", "root", "admin");

  static String correct(String template) {
    String t = template.strip().replaceAll("\\s+", " ");
    t = replacePieces(t, PATH_DELIMITERS, LoghubTemplateCorrection::isAbsolutePath);
    t = replacePieces(t, TOKEN_DELIMITERS, LoghubTemplateCorrection::isVariablePiece);
    t = collapse(t, "<*>.<*>");
    t = collapse(t, "<*><*>");
    return t;
  }

  private static String collapse(String t, String pair) {
    String prev;
    do {
      prev = t;
      t = t.replace(pair, VAR);
    } while (!prev.equals(t));
    return t;
  }

  private static boolean isDelimiter(char ch, String delimiters) {
    return Character.isWhitespace(ch) || delimiters.indexOf(ch) >= 0;
  }

  private static String replacePieces(String t, String delimiters, java.util.function.Predicate<String> variable) {
    StringBuilder out = new StringBuilder(t.length());
    int start = 0;
    for (int i = 0; i <= t.length(); i++) {
      if (i == t.length() || isDelimiter(t.charAt(i), delimiters)) {
        String piece = t.substring(start, i);
        out.append(!piece.isEmpty() && variable.test(piece) ? VAR : piece);
        if (i < t.length()) {
          out.append(t.charAt(i));
        }
        start = i + 1;
      }
    }
    return out.toString();
  }

  /** {@code ^(/[^/]+)+$}. */
  private static boolean isAbsolutePath(String p) {
    if (p.charAt(0) != '/' || p.endsWith("/")) {
      return false;
    }
    return !p.contains("//");
  }

  private static boolean isVariablePiece(String p) {
    if (WORDS.contains(p.toLowerCase(Locale.ROOT))) {
      return true;
    }
    boolean digits = true;
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) < '0' || p.charAt(i) > '9') {
        digits = false;
        break;
      }
    }
    if (digits) {
      return true;
    }
    // ^[^\s/]*<\*>[^\s/]*$ except "<*>/<*>"
    return p.contains(VAR) && p.indexOf('/') < 0;
  }
}
