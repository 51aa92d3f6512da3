package io.casefile.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code casefile eval --dataset nezha --data DIR}: the Nezha fault-injection data (Train Ticket and
 * Online Boutique), each fault replayed through the OTLP receiver into a fresh store and asked one
 * question with no flow and no signal ({@link NezhaCase}). Prints each fault's rank of the truth
 * service among the root causes, then AS@1, AS@3 and AS@5 per system and fault type beside Nezha's
 * published figures; last line {@code AS@1 <v> AS@3 <v>} over all scored faults.
 */
public final class NezhaEvaluation implements Evaluation {
  /** Nezha's service-level AS@1 and AS@3 on these days (ESEC/FSE 2023, its per-fault logs). */
  private static final Map<String, String> PUBLISHED = Map.of("TT", "0.893 / 1.000", "OB", "0.967 / 1.000");

  @Override
  public String dataset() {
    return "nezha";
  }

  /** The faults under {@code DIR/rca_data/<day>/} that have trace files, in day and time order. */
  static List<NezhaFault> faults(Path data) throws IOException {
    Path rca = data.resolve("rca_data");
    if (!Files.isDirectory(rca)) {
      throw new IllegalArgumentException("no rca_data folder in " + data + " (expected the nezha-dev layout, see its SOURCE.md)");
    }
    List<NezhaFault> out = new ArrayList<>();
    try (Stream<Path> days = Files.list(rca)) {
      for (Path day : days.filter(Files::isDirectory).sorted().toList()) {
        for (NezhaFault f : NezhaFault.read(day)) {
          if (!NezhaCase.faultMinutes(f, "trace").isEmpty()) {
            out.add(f);
          }
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no fault with trace files under " + rca);
    }
    return out;
  }

  @Override
  public void run(Path data, PrintStream out) throws IOException {
    run(data, out, null, false);
  }

  @Override
  public void run(Path data, PrintStream out, String only, boolean verbose) throws IOException {
    List<NezhaCase> cases = new ArrayList<>();
    for (NezhaFault f : faults(data)) {
      if (only != null && !(f.injectedAt() + " " + f.system() + " " + f.type() + " " + f.service()).contains(only)) {
        continue;
      }
      NezhaCase c = NezhaCase.run(f);
      cases.add(c);
      out.printf(Locale.ROOT, "%s %s %-14s %-32s rank %-4s %6d ms  top 3: %s%n", f.injectedAt(), f.system(), f.type(),
          f.service(), c.rank() == 0 ? "miss" : c.rank(), c.millis(),
          String.join(" ", c.ranked().subList(0, Math.min(3, c.ranked().size()))));
      if (verbose) {
        ReplayedCase.printCauses(c.answer(), out);
      }
      out.flush();
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("no fault label contains '" + only + "'");
    }
    out.println();
    Map<String, List<NezhaCase>> groups = new TreeMap<>();
    for (NezhaCase c : cases) {
      groups.computeIfAbsent(c.fault().system() + " all", k -> new ArrayList<>()).add(c);
      groups.computeIfAbsent(c.fault().system() + " " + c.fault().type(), k -> new ArrayList<>()).add(c);
    }
    Table summary = new Table("system / fault type", "faults", "AS@1", "AS@3", "AS@5", "ms per case", "Nezha AS@1 / AS@3");
    groups.forEach((name, list) -> summary.row(name, list.size(), f3(share(list, 1)), f3(share(list, 3)),
        f3(share(list, 5)), list.stream().mapToLong(NezhaCase::millis).sum() / list.size(),
        name.endsWith(" all") ? PUBLISHED.getOrDefault(name.substring(0, 2), "-") : "-"));
    summary.print(out);
    out.printf(Locale.ROOT, "AS@1 %s AS@3 %s%n", f3(share(cases, 1)), f3(share(cases, 3)));
  }

  static double share(List<NezhaCase> cases, int k) {
    return cases.stream().filter(c -> c.rank() > 0 && c.rank() <= k).count() / (double) cases.size();
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
