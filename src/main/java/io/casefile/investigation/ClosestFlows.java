package io.casefile.investigation;

import io.casefile.model.Flow;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The flows a user most likely meant when the one typed does not exist. Flows are compared as a
 * user types them: case, a trailing slash and a missing HTTP method do not count
 * ({@code gateway:/transfer} is {@code gateway:POST /transfer}); beyond that, by edit distance.
 */
final class ClosestFlows {
  private static final Pattern METHOD = Pattern.compile(
      "^(get|head|post|put|delete|connect|options|trace|patch|query)\\s+", Pattern.CASE_INSENSITIVE);

  private ClosestFlows() {}

  static List<Flow> of(Flow wanted, List<Flow> flows, int limit) {
    record Scored(Flow flow, int score) {}
    return flows.stream()
        .map(f -> new Scored(f, distance(wanted, f)))
        .filter(s -> s.score() <= Math.max(6, wanted.toString().length() / 2) || sameService(wanted, s.flow()))
        .sorted(Comparator.comparingInt(Scored::score).thenComparing(s -> s.flow().toString()))
        .limit(limit)
        .map(Scored::flow)
        .toList();
  }

  /** 0 when the two differ only in case, trailing slashes or a missing method; else an edit distance. */
  static int distance(Flow a, Flow b) {
    String sa = a.service().toLowerCase(Locale.ROOT);
    String sb = b.service().toLowerCase(Locale.ROOT);
    String oa = operation(a.operation());
    String ob = operation(b.operation());
    if (sa.equals(sb) && oa.equals(ob)) {
      return 0;
    }
    return 1 + levenshtein(sa, sb) + levenshtein(oa, ob);
  }

  private static boolean sameService(Flow a, Flow b) {
    return a.service().equalsIgnoreCase(b.service());
  }

  private static String operation(String op) {
    String o = METHOD.matcher(op.trim()).replaceFirst("").toLowerCase(Locale.ROOT);
    while (o.length() > 1 && o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    return o;
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
