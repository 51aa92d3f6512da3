package io.casefile.analysis.logs;

import java.util.ArrayList;
import java.util.List;

/** Splitting messages into masked tokens, and comparing and generalising single tokens. */
final class Tokens {
  /** Stands for an empty message, so that it still has a template. */
  static final String EMPTY = "<empty>";
  private static final String STRUCTURAL = "=:,;()[]{}\"'|!";

  private Tokens() {}

  static String[] split(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(text.substring(start, i));
      }
    }
    return out.toArray(String[]::new);
  }

  static String[] maskedTokens(String message) {
    String[] tokens = split(message);
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = TokenMasker.mask(tokens[i]);
    }
    return tokens;
  }

  static boolean hasDigitOrVariable(String token) {
    for (int i = 0; i < token.length(); i++) {
      char ch = token.charAt(i);
      if (ch >= '0' && ch <= '9') {
        return true;
      }
    }
    return token.contains(TokenMasker.VAR);
  }

  /** A token made only of variables and punctuation: {@code <*>}, {@code <*>:<*>}, {@code (<*>)}. */
  static boolean isVariableOnly(String token) {
    if (token.equals(TokenMasker.VAR)) {
      return true;
    }
    if (!token.contains(TokenMasker.VAR)) {
      return false;
    }
    String rest = token.replace(TokenMasker.VAR, "");
    for (int i = 0; i < rest.length(); i++) {
      if (Character.isLetterOrDigit(rest.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a template token with variables inside ({@code uid=<*>}, {@code (<*>),}) covers a message
   * token: its literal parts appear in order, each {@code <*>} standing for any run of characters.
   */
  static boolean partialMatch(String template, String token) {
    int firstVar = template.indexOf(TokenMasker.VAR);
    if (firstVar < 0) {
      return false;
    }
    return glob(template, 0, token, 0, new int[] {GLOB_BUDGET});
  }

  /** Matching steps allowed per comparison: pathological tokens simply do not match. */
  private static final int GLOB_BUDGET = 4_096;

  /**
   * Glob matching where a variable never extends a run of punctuation next to it in the pattern:
   * {@code instruction......<*>} does not cover {@code instruction.........0}.
   */
  private static boolean glob(String pattern, int p, String text, int t, int[] budget) {
    while (p < pattern.length()) {
      if (--budget[0] < 0) {
        return false;
      }
      if (pattern.startsWith(TokenMasker.VAR, p)) {
        char before = p > 0 ? pattern.charAt(p - 1) : 'a';
        p += TokenMasker.VAR.length();
        char after = p < pattern.length() ? pattern.charAt(p) : 'a';
        for (int k = t; k <= text.length(); k++) {
          boolean extendsBefore = k > t && !Character.isLetterOrDigit(before) && text.charAt(t) == before;
          boolean extendsAfter = k > t && !Character.isLetterOrDigit(after) && text.charAt(k - 1) == after;
          if (extendsBefore) {
            return false;
          }
          if (!extendsAfter && (p == pattern.length() ? k == text.length() : glob(pattern, p, text, k, budget))) {
            return true;
          }
        }
        return false;
      }
      if (t >= text.length() || pattern.charAt(p) != text.charAt(t)) {
        return false;
      }
      p++;
      t++;
    }
    return t == text.length();
  }

  /**
   * The most specific token covering both. Equal tokens stay. Otherwise punctuation both share at
   * the start and the end stays ({@code (<*>)}, {@code <*>,}), and between them tokens with the same
   * punctuation skeleton keep it with {@code <*>} in the differing pieces ({@code uid=<*>});
   * anything else becomes one {@code <*>}.
   */
  static String generalise(String template, String token) {
    if (template.equals(token) || template.equals(TokenMasker.VAR) || partialMatch(template, token)) {
      return template;
    }
    int prefix = 0;
    int max = Math.min(template.length(), token.length());
    while (prefix < max && template.charAt(prefix) == token.charAt(prefix) && isWrapper(template.charAt(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < max - prefix
        && template.charAt(template.length() - 1 - suffix) == token.charAt(token.length() - 1 - suffix)
        && isWrapper(template.charAt(template.length() - 1 - suffix))) {
      suffix++;
    }
    String a = template.substring(prefix, template.length() - suffix);
    String b = token.substring(prefix, token.length() - suffix);
    return template.substring(0, prefix) + generaliseCore(a, b) + template.substring(template.length() - suffix);
  }

  private static boolean isWrapper(char ch) {
    return !Character.isLetterOrDigit(ch) && ch != '<' && ch != '>' && ch != '*' && ch != '_' && ch != '-'
        && ch != '/' && ch != '.';
  }

  private static String generaliseCore(String template, String token) {
    if (template.equals(token) || template.equals(TokenMasker.VAR)) {
      return template;
    }
    List<String> a = pieces(template);
    List<String> b = pieces(token);
    if (a.size() != b.size() || a.size() == 1) {
      return TokenMasker.VAR;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (i % 2 == 1 && !x.equals(y)) {
        return TokenMasker.VAR; // another punctuation skeleton
      }
      out.append(x.equals(y) || x.equals(TokenMasker.VAR) ? x : TokenMasker.VAR);
    }
    return out.toString();
  }

  /** Alternating pieces and single structural delimiters: piece, delim, piece, ..., piece. */
  static List<String> pieces(String token) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < token.length(); i++) {
      if (STRUCTURAL.indexOf(token.charAt(i)) >= 0) {
        out.add(token.substring(start, i));
        out.add(String.valueOf(token.charAt(i)));
        start = i + 1;
      }
    }
    out.add(token.substring(start));
    return out;
  }
}
