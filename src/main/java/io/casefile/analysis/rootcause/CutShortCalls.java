package io.casefile.analysis.rootcause;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Requests that stopped early, where no span has a status and no log says why: the spans of an
 * operation that made a sequence of calls never seen in the baseline but which begins every so
 * often a baseline sequence, ending right after a call (the caller gave up after that call's
 * answer). Per operation, their count is compared with how often the baseline itself makes a
 * sequence it had not made before (the Good–Turing estimate of unseen patterns, {@code (N1 + 1) /
 * (N + 1)}: patterns seen once over spans), a Poisson z as for log templates; such a change is
 * Nezha's "a trace pattern that disappeared". Which service to blame is then MicroRank's spectrum
 * analysis over the incident's spans of those operations, cut short (failed) or not (passed): each
 * operation a span reached, its own and each callee's, scores Ochiai {@code ef / sqrt(F × (ef +
 * ep))}, so a callee reached by every cut-short span and few complete ones stands out, and a
 * caller whose complete spans outnumber its cut ones does not. Each gets the change's effect size
 * ({@code ln((cut + 1) / (expected + 1))}) times its Ochiai: a callee as errors (inferred: its
 * answers ended the requests), the caller as traffic (observed: the calls it stopped making), which
 * the ranker halves when a callee's errors explain it.
 */
final class CutShortCalls {
  private final RootCauseInput in;

  CutShortCalls(RootCauseInput in) {
    this.in = in;
  }

  private record Op(String service, String operation) {}

  /** One operation whose spans were cut short significantly more often than the baseline predicts. */
  private record Change(Op caller, long cut, long spans, double expected, double z, double effect) {}

  List<CauseEvidence> evidence() {
    Map<Op, List<CallPattern>> byOp = new TreeMap<>((a, b) -> a.service().equals(b.service())
        ? a.operation().compareTo(b.operation()) : a.service().compareTo(b.service()));
    for (CallPattern p : in.patterns()) {
      byOp.computeIfAbsent(new Op(p.service(), p.operation()), k -> new ArrayList<>()).add(p);
    }
    Map<Op, Double> ef = new HashMap<>();
    Map<Op, Double> ep = new HashMap<>();
    Map<Op, Change> worst = new HashMap<>();
    Map<Op, Double> last = new HashMap<>();
    long failed = 0;
    for (var e : byOp.entrySet()) {
      Change change = change(e.getKey(), e.getValue());
      if (change == null) {
        continue;
      }
      failed += change.cut();
      Set<List<CallStep>> prefixes = prefixes(e.getValue());
      for (CallPattern p : e.getValue()) {
        if (p.incident() == 0) {
          continue;
        }
        boolean cut = p.baseline() == 0 && prefixes.contains(p.steps());
        Set<Op> reached = new HashSet<>();
        reached.add(e.getKey());
        for (CallStep s : p.steps()) {
          if (s.isCall()) {
            reached.add(new Op(s.callee(), s.operation()));
          }
        }
        for (Op op : reached) {
          (cut ? ef : ep).merge(op, (double) p.incident(), Double::sum);
          if (cut) {
            worst.merge(op, change, (a, b) -> a.effect() >= b.effect() ? a : b);
          }
        }
        if (cut) {
          CallStep end = p.steps().get(p.steps().size() - 1);
          last.merge(new Op(end.callee(), end.operation()), (double) p.incident(), Double::sum);
        }
      }
    }
    if (failed == 0) {
      return List.of();
    }
    Map<Op, Double> ochiai = new TreeMap<>((a, b) -> a.service().equals(b.service())
        ? a.operation().compareTo(b.operation()) : a.service().compareTo(b.service()));
    double best = 0;
    for (var e : ef.entrySet()) {
      double o = e.getValue() / Math.sqrt(failed * (e.getValue() + ep.getOrDefault(e.getKey(), 0.0)));
      ochiai.put(e.getKey(), o);
      best = Math.max(best, o);
    }
    Map<String, CauseEvidence> out = new TreeMap<>();
    for (var e : ochiai.entrySet()) {
      Op op = e.getKey();
      Change c = worst.get(op);
      boolean caller = op.equals(c.caller());
      double o = e.getValue();
      String change = String.format(Locale.ROOT, "%d of %d spans of %s %s made calls that begin a baseline sequence and"
          + " stop early, %.1f expected from the baseline (z = %.1f)", c.cut(), c.spans(), c.caller().service(),
          c.caller().operation(), c.expected(), c.z());
      double lastOf = last.getOrDefault(op, 0.0);
      String text = caller
          ? String.format(Locale.ROOT, "its requests stop early: %s; Ochiai %.2f%s", change, o,
              o >= best ? ", above every callee's" : " against " + String.format(Locale.ROOT, "%.2f", best) + " for a callee")
          : String.format(Locale.ROOT, "requests stop after calling it: %s; %s was %s and reached by %.0f of the %d"
              + " cut-short spans and %.0f complete ones (Ochiai %.2f)", change, op.operation(),
              lastOf > 0 ? String.format(Locale.ROOT, "the last call of %.0f", lastOf) : "never the last call",
              ef.get(op), failed, ep.getOrDefault(op, 0.0), o);
      // the caller's spans did stop early (its own behaviour, as calls it stopped making); a callee is inferred
      CauseEvidence ev = new CauseEvidence(op.service(), caller ? CauseKind.TRAFFIC : CauseKind.ERRORS, c.effect() * o,
          op.operation(), null, text, Map.of("cut_spans", (double) c.cut(), "spans", (double) c.spans(),
              "expected", c.expected(), "z", c.z(), "ochiai", o, "last_call_of", lastOf));
      out.merge(op.service() + (caller ? " caller" : " callee"), ev, (a, b) -> a.strength() >= b.strength() ? a : b);
    }
    return new ArrayList<>(out.values());
  }

  /** The operation's cut-short spans against the baseline's rate of unseen sequences; null when not a significant rise. */
  private static Change change(Op op, List<CallPattern> patterns) {
    long n = 0;
    long once = 0;
    long spans = 0;
    for (CallPattern p : patterns) {
      n += p.baseline();
      once += p.baseline() == 1 ? 1 : 0;
      spans += p.incident();
    }
    if (n < EvidenceFinder.MIN_N || spans < EvidenceFinder.MIN_N) {
      return null;
    }
    Set<List<CallStep>> prefixes = prefixes(patterns);
    long cut = 0;
    for (CallPattern p : patterns) {
      if (p.baseline() == 0 && p.incident() > 0 && prefixes.contains(p.steps())) {
        cut += p.incident();
      }
    }
    double expected = spans * (once + 1.0) / (n + 1.0);
    double z = (cut - expected) / Math.sqrt(expected + 1);
    double effect = Math.log((cut + 1) / (expected + 1));
    return z >= EvidenceFinder.SIGNIFICANT && effect >= Math.log(2) ? new Change(op, cut, spans, expected, z, effect) : null;
  }

  /** The baseline sequences' beginnings that end with a call (a sequence stopped after that call). */
  private static Set<List<CallStep>> prefixes(List<CallPattern> patterns) {
    Set<List<CallStep>> out = new HashSet<>();
    for (CallPattern p : patterns) {
      if (p.baseline() == 0) {
        continue;
      }
      for (int i = 1; i < p.steps().size(); i++) {
        if (p.steps().get(i - 1).isCall()) {
          out.add(p.steps().subList(0, i));
        }
      }
    }
    return out;
  }
}
