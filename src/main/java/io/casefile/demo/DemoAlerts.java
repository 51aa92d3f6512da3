package io.casefile.demo;

import io.casefile.alerts.SloMonitor;
import io.casefile.model.Suspect;
import io.casefile.server.CasefileServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** The demo report's ALERT section: when Casefile's own SLO alert fired, and the incident it opened. */
final class DemoAlerts {
  private DemoAlerts() {}

  static void print(PrintStream out, SloMonitor.Transition alert, GroundTruth truth, CasefileServer server) {
    out.println("ALERT");
    if (alert == null) {
      out.println("   no SLO burn alert fired (objectives: " + String.join(", ", server.slos()
          .statuses(truth.dataEnd()).stream().map(s -> s.slo().describe()).toList()) + ")");
      out.println();
      return;
    }
    long after = Duration.between(truth.onset(), alert.at()).toSeconds();
    out.printf(Locale.ROOT, "   SLO burn alert %s fired at %s, %s the onset (%s)%n", alert.slo().id(), alert.at(),
        after >= 0 ? after + " s after" : -after + " s before", truth.onset());
    out.println("   " + alert.verdict().describe());
    String id = alert.outcome().incidentId();
    if (id != null) {
      String first = server.incidents().investigation(id)
          .map(inv -> inv.suspects().stream().findFirst().map(Suspect::change)
              .map(c -> c.type().wireName() + " " + c.summary() + " (" + c.id() + ")")
              .orElse(inv.anomaly() ? "no recorded change explains it" : "no anomaly found"))
          .orElse("not investigated");
      out.println("   opened " + id + " by itself, investigated " + (alert.outcome().question() == null ? ""
          : alert.outcome().question().flow() + " " + alert.outcome().question().signal()) + "; first suspect: "
          + first);
    }
    out.println();
  }
}
