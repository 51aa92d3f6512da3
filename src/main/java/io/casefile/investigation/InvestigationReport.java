package io.casefile.investigation;

import io.casefile.model.Severity;
import io.casefile.model.Reason;
import io.casefile.model.Suspect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal report: SYMPTOM, ROOT CAUSE, SUSPECTS, SIGNALS, CONTAIN and NEXT, as in DESIGN.md. Containment
 * lines come from the caller (the casefile's containment advice); without them the section says
 * so.
 */
public final class InvestigationReport {
  private static final String PAD = "          ";

  private InvestigationReport() {}

  public static String render(Investigation inv) {
    return render(inv, List.of());
  }

  public static String render(Investigation inv, List<String> containLines) {
    StringBuilder out = new StringBuilder();
    Question q = inv.question();
    if (!inv.anomaly()) {
      section(out, "SYMPTOM", List.of("none: " + q.signal() + " of " + (q.flow() == null ? "the environment" : q.flow())
          + " shows no significant change between " + q.from() + " and " + q.to()));
      if (!inv.rootCauses().isEmpty()) {
        section(out, "ROOT CAUSE", rootCauses(inv));
      }
      section(out, "NOTES", inv.notes());
      return out.toString();
    }
    Symptom s = inv.symptom();
    List<String> symptom = new ArrayList<>();
    String codes = String.join("/", s.signature().stream().filter(e -> e.kind().equals("status_code")).limit(2)
        .map(SignatureEntry::value).toList());
    String type = s.signature().stream().filter(e -> !e.kind().equals("log") && !e.kind().equals("status_code"))
        .map(SignatureEntry::value).findFirst().orElse("");
    String sig = codes.isEmpty() ? type : "HTTP " + codes + (type.isEmpty() ? "" : " (" + type + ")");
    String flow = s.flow() == null ? "the environment" : s.flow().service() + " " + s.flow().operation();
    symptom.add(flow + ": " + InvestigationEngine.signalName(q.signal()) + (sig.isEmpty() ? "" : " · " + sig));
    long plusMinus = java.time.Duration.between(s.onset().earliest(), s.onset().latest()).toSeconds() / 2;
    symptom.add("since " + Text.clock(s.onset().at()) + " ±" + plusMinus + "s · " + InvestigationEngine.signalName(q.signal())
        + " " + Text.value(s.baseline()) + " -> " + Text.value(s.observed())
        + (s.weekEarlier() == null ? "" : " (a week earlier: " + Text.value(s.weekEarlier()) + ")"));
    for (Cohort c : s.cohorts()) {
      symptom.add("for whom: " + c.describe().replace(" ∧ ", ", ") + " (" + Text.percent(c.shareOfExcess())
          + " of excess; " + Text.percent(c.rate()) + " there, baseline " + Text.percent(c.baselineRate()) + ")");
    }
    if (s.cohorts().isEmpty()) {
      symptom.add("for whom: spread across the traffic (no cohort concentrates it)");
    }
    inv.notes().stream().filter(n -> n.startsWith(CohortFinder.NOT_CONSIDERED)).findFirst()
        .map(n -> n.substring(CohortFinder.NOT_CONSIDERED.length()).replaceAll(" \\[e\\d+]$", ""))
        .ifPresent(n -> symptom.add("  not considered: " + (n.length() > 150 ? n.substring(0, 147) + "..." : n)));
    Severity v = s.severity();
    if (v != null) {
      symptom.add("severity: " + v.level() + " · " + Text.count(v.affectedRequests()) + " affected in "
          + Text.duration(java.time.Duration.between(s.observed().from(), s.observed().to()))
          + " (~" + Text.count(v.perMinute()) + "/min, " + Text.percent(v.trafficShare()) + " of traffic"
          + (v.users() == null ? "" : ", " + Text.count(v.users()) + " users") + ") · SLO burn "
          + String.format(Locale.ROOT, "%.1f", v.burnRate()) + "x");
    }
    section(out, "SYMPTOM", symptom);
    section(out, "ROOT CAUSE", rootCauses(inv));

    List<String> suspects = new ArrayList<>();
    int i = 1;
    for (Suspect x : inv.suspects()) {
      if (i > 5) {
        break;
      }
      // a derived change's summary is already its name: its "derived from telemetry" reason would say it twice
      String why = x.reasons().stream().filter(r -> !(x.change().derived() && r.text().contains(x.change().summary())))
          .map(Reason::text).limit(3).reduce((a, b) -> a + "; " + b).orElse("");
      suspects.add(i++ + ". " + x.change().type().wireName() + " " + describe(x) + " at "
          + Text.clock(x.change().timestamp()) + " — " + why + "   " + x.confidence().wireName());
    }
    if (inv.unexplained()) {
      suspects.add("no recorded change explains this");
    }
    section(out, "SUSPECTS", suspects);

    List<String> signals = new ArrayList<>();
    for (Signal x : inv.signals()) {
      signals.add(switch (x.kind()) {
        case "error_origin" -> "traces: ";
        case "latency" -> "latency: ";
        case "dependency" -> "dependency: ";
        case "metric" -> "metrics: ";
        default -> x.kind() + ": ";
      } + x.text());
    }
    s.signature().stream().filter(e -> e.kind().equals("log")).forEach(e -> signals.add("logs: "
        + (e.isNew() ? "new" : "increased") + " template \"" + e.value() + "\" (" + Text.count(e.baselineCount())
        + " in baseline, " + Text.count(e.count()) + " since onset)"));
    section(out, "SIGNALS", signals.isEmpty() ? List.of("none found") : signals);
    section(out, "CONTAIN", containLines.isEmpty() ? List.of("(containment advice: see the incident's casefile)") : containLines);
    List<String> next = new ArrayList<>();
    List<Suspect> explaining = inv.explainingSuspects();
    if (!explaining.isEmpty()) {
      Suspect first = explaining.getFirst();
      var c = first.change();
      String name = c.type().wireName() + (c.service() == null ? "" : " " + c.service())
          + (c.version() == null ? "" : " v" + c.version()) + (c.flagKey() == null ? "" : " " + c.flagKey());
      next.add("one change at a time: act on suspect " + (inv.suspects().indexOf(first) + 1) + " (" + name
          + "), observe 5 min, then re-measure");
    } else {
      next.add((inv.unexplained() ? "no change explains this" : "no suspect is better than weak")
          + ": follow the error origin and the dependency signals, then re-measure");
    }
    next.add("evidence: " + inv.evidence().size() + " claims with their queries (--json)");
    section(out, "NEXT", next);
    return out.toString();
  }

  /** The first three root causes, each with its strongest reason; or why there are none. */
  static List<String> rootCauses(Investigation inv) {
    List<String> lines = new ArrayList<>();
    int i = 1;
    for (RootCause c : inv.rootCauses()) {
      if (i > 3) {
        break;
      }
      String where = c.service() + (c.operation() == null ? "" : " " + c.operation())
          + (c.instance() == null ? "" : " (" + c.instance() + ")");
      lines.add(i++ + ". " + where + " — " + c.kind() + ", score " + String.format(Locale.ROOT, "%.2f", c.score())
          + (c.reasons().isEmpty() ? "" : ": " + c.reasons().get(0).text()));
    }
    if (lines.isEmpty()) {
      inv.notes().stream().filter(n -> n.startsWith("root causes: none")).findFirst()
          .ifPresentOrElse(n -> lines.add(n.substring("root causes: ".length())), () -> lines.add("none found"));
    }
    return lines;
  }

  private static String describe(Suspect x) {
    var c = x.change();
    StringBuilder b = new StringBuilder();
    if (c.service() != null) {
      b.append(c.service());
    }
    if (c.version() != null) {
      b.append(" v").append(c.version());
    }
    if (c.flagKey() != null) {
      b.append(b.isEmpty() ? "" : " ").append(c.flagKey());
    }
    if (b.isEmpty() || c.derived()) {
      b.append(b.isEmpty() ? "" : ": ").append(c.summary());
    }
    return b.toString();
  }

  /** The section title padded to the text column; a title as wide as the column gets one space. */
  private static String head(String title) {
    return title.length() >= PAD.length() ? title + " " : String.format(Locale.ROOT, "%-10s", title);
  }

  private static void section(StringBuilder out, String title, List<String> lines) {
    boolean first = true;
    for (String line : lines) {
      out.append(first ? head(title) : PAD).append(line).append('\n');
      first = false;
    }
    if (lines.isEmpty()) {
      out.append(head(title)).append("none\n");
    }
  }
}
