package io.casefile.eval;

import io.casefile.analysis.localize.Localization;
import io.casefile.analysis.localize.Localizer;
import io.casefile.analysis.localize.Localizers;
import io.casefile.analysis.localize.RootCause;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays labelled localization cases through every registered localizer (the Caffeine simulator
 * pattern) and prints, per localizer, a table by setting, then a summary; the last line is the
 * standard localizer's micro-averaged element-level F1. Times are the localizer's alone (reading
 * excluded): wall clock and the thread's CPU time, which is the fairer figure on a shared machine. With the system property
 * {@code casefile.eval.cases=true} it also prints every case the standard localizer got wrong.
 */
abstract class LocalizationEvaluation implements Evaluation {

  /** Calls the action for every labelled case in the folder, in a stable order. */
  abstract void forEachCase(Path data, CaseAction action) throws IOException;

  interface CaseAction {
    void accept(LabelledCase c);
  }

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  private final List<Localizer> localizers;

  LocalizationEvaluation() {
    this(Localizers.all());
  }

  LocalizationEvaluation(List<Localizer> localizers) {
    this.localizers = List.copyOf(localizers);
  }

  /** The F1 of each localizer, by name, after printing the report. */
  Map<String, Double> evaluate(Path data, PrintStream out) throws IOException {
    boolean showCases = Boolean.getBoolean("casefile.eval.cases");
    Localizer standard = Localizers.standard();
    Map<String, Map<String, Tally>> tallies = new LinkedHashMap<>();
    for (Localizer l : localizers) tallies.put(l.name(), new LinkedHashMap<>());
    List<String> misses = new ArrayList<>();
    forEachCase(data, c -> {
      for (Localizer l : localizers) {
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        Localization result = l.localize(c.problem());
        long elapsed = System.nanoTime() - start;
        long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
        List<String> predicted = result.causes().stream().map(ElementLabels::of).toList();
        tallies.get(l.name()).computeIfAbsent(c.group(), g -> new Tally()).add(predicted, c.truth(), elapsed, cpu);
        if (showCases && l.name().equals(standard.name()) && !c.truth().equals(new java.util.HashSet<>(predicted))) {
          misses.add(c.group() + "/" + c.name() + "  truth " + c.truth() + "  got "
              + result.causes().stream().map(LocalizationEvaluation::describe).toList());
        }
      }
    });
    Map<String, Double> f1 = new LinkedHashMap<>();
    List<String[]> summary = new ArrayList<>();
    for (Localizer l : localizers) {
      Map<String, Tally> byGroup = tallies.get(l.name());
      if (byGroup.isEmpty()) {
        throw new IllegalArgumentException("no labelled cases found in " + data);
      }
      out.println("localizer " + l.name() + (l.name().equals(standard.name()) ? " (standard)" : ""));
      Table table = new Table("setting", "cases", "TP", "FP", "FN", "F1", "ms/case", "cpu ms/case");
      Tally all = new Tally();
      byGroup.forEach((group, t) -> {
        table.row(group, t.cases, t.tp, t.fp, t.fn, fmt(t.f1()), fmt1(t.millisPerCase()), fmt1(t.cpuMillisPerCase()));
        all.add(t);
      });
      table.row("all", all.cases, all.tp, all.fp, all.fn, fmt(all.f1()), fmt1(all.millisPerCase()),
          fmt1(all.cpuMillisPerCase()));
      table.print(out);
      out.println();
      f1.put(l.name(), all.f1());
      summary.add(new String[] {l.name(), String.valueOf(all.cases), String.valueOf(all.tp),
          String.valueOf(all.fp), String.valueOf(all.fn), fmt(all.f1()), fmt1(all.millisPerCase()),
          fmt1(all.cpuMillisPerCase())});
    }
    out.println("summary (element-level exact match, micro-averaged)");
    Table table = new Table("localizer", "cases", "TP", "FP", "FN", "F1", "ms/case", "cpu ms/case");
    for (String[] row : summary) table.row((Object[]) row);
    table.print(out);
    for (String miss : misses) out.println("miss " + miss);
    out.println("F1 " + fmt(f1.getOrDefault(standard.name(), 0.0)));
    return f1;
  }

  @Override
  public void run(Path data, PrintStream out) throws IOException {
    evaluate(data, out);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String fmt1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Short text of a predicted cause for the miss list. */
  private static String describe(RootCause c) {
    return ElementLabels.of(c)
        + String.format(Locale.ROOT, " (score %.2f, share %.2f)", c.score(), c.explainedShare());
  }
}
