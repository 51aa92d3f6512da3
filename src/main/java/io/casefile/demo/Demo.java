package io.casefile.demo;

import io.casefile.alerts.AlertSettings;
import io.casefile.alerts.SloMonitor;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.InvestigationReport;
import io.casefile.investigation.Investigations;
import io.casefile.investigation.Question;
import io.casefile.model.SignalSpec;
import io.casefile.model.Suspect;
import io.casefile.model.ChangeEvent;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import io.casefile.store.FlowStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code casefile demo}: starts the server in-process on its own data folder, plays a scenario
 * through the real OTLP receiver and change API, investigates the symptom and prints the report,
 * then compares it with the scenario's ground truth.
 */
public final class Demo {
  /**
   * @param speed simulated seconds per real second; 0 sends as fast as the server takes it
   * @param data the data folder (for several scenarios, one sub-folder each); null for a new temporary one
   * @param apiPort the API (and workbench) port; 0 for any free port
   * @param otlpPort the OTLP receiver port; 0 for any free port
   */
  public record Options(List<Scenario> scenarios, SimulationOptions timeline, double speed, Path data, int apiPort,
      int otlpPort) {
    public Options {
      scenarios = List.copyOf(scenarios);
      if (scenarios.isEmpty()) {
        throw new IllegalArgumentException("the demo needs at least one scenario");
      }
      Objects.requireNonNull(timeline, "timeline");
      if (!(speed >= 0) || Double.isInfinite(speed)) {
        throw new IllegalArgumentException("--speed must be a positive number (or 0 for as fast as possible), got "
            + speed);
      }
    }
  }

  /**
   * What one scenario's run found. {@code alert} is the first SLO alert that fired on the simulated
   * clock (null when none did).
   */
  public record Outcome(Scenario scenario, GroundTruth truth, Investigation investigation, boolean causeNamed,
      SloMonitor.Transition alert) {}

  private final Options options;
  private final PrintStream out;
  private final PrintStream progress;

  public Demo(Options options, PrintStream out, PrintStream progress) {
    this.options = options;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Runs every scenario. With {@code keepServing} the last scenario's server stays up (for the
   * workbench) until the process is interrupted.
   */
  public List<Outcome> run(boolean keepServing) throws IOException {
    Path root = options.data() != null ? options.data() : Files.createTempDirectory("casefile-demo-");
    var outcomes = new ArrayList<Outcome>();
    for (int i = 0; i < options.scenarios().size(); i++) {
      Scenario s = options.scenarios().get(i);
      boolean last = i == options.scenarios().size() - 1;
      Path dir = options.scenarios().size() == 1 ? root : root.resolve(s.id());
      requireEmpty(dir);
      // the SLOs are evaluated on the simulated clock as the scenario plays, not on the wall clock
      CasefileServer server = CasefileServer.start(ServerConfig.defaults(dir).withRetention(null)
          .withPorts(options.otlpPort(), options.apiPort()), AlertSettings.DEFAULTS.withEvaluationInterval(null));
      try {
        Outcome outcome = play(s, server, dir);
        outcomes.add(outcome);
        if (last && keepServing) {
          out.println("Workbench: " + workbench(server) + "  (Ctrl-C to stop)");
          if (outcome.investigation() != null) {
            out.println("Investigation: " + investigationPage(server, outcome.investigation()));
          }
          out.flush();
          if (System.console() != null) {
            openBrowser(workbench(server));
          }
          waitForever();
        }
      } finally {
        server.close();
      }
    }
    if (outcomes.size() > 1) {
      summary(outcomes);
    }
    return outcomes;
  }

  private Outcome play(Scenario s, CasefileServer server, Path dir) throws IOException {
    SimulationOptions timeline = options.timeline();
    GroundTruth planned = ShopSimulation.truth(s, timeline);
    out.printf(Locale.ROOT, "%n== %s: %s%n", s.id(), s.description());
    out.printf(Locale.ROOT, "   server %s (OTLP %s), data in %s%n", server.apiUri(), server.otlpUri(), dir);
    out.flush();
    GroundTruth truth;
    SloStepper slos;
    long t0 = System.nanoTime();
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null, ScenarioReplayer.DEFAULT_PARALLELISM)) {
      var shown = new ProgressSink(replayer, planned, options.speed(), progress);
      slos = new SloStepper(shown, replayer, server.slos(), timeline.start(), AlertSettings.DEFAULT_INTERVAL);
      truth = ShopSimulation.run(s, timeline, slos);
      replayer.flush();
      slos.catchUp(truth.dataEnd());
      shown.done();
    }
    out.printf(Locale.ROOT, "   replayed %s .. %s in %.1f s%n%n", truth.dataStart(), truth.dataEnd(),
        (System.nanoTime() - t0) / 1e9);
    Investigation inv = investigate(server, truth);
    boolean named = inv != null && !inv.suspects().isEmpty()
        && inv.suspects().getFirst().change().id().equals(truth.causalChangeId());
    SloMonitor.Transition alert = slos.transitions().stream().filter(SloMonitor.Transition::fired).findFirst()
        .orElse(null);
    DemoAlerts.print(out, alert, truth, server);
    out.println("GROUND TRUTH");
    out.println("   " + describeTruth(truth, server));
    if (inv != null) {
      boolean abstained = inv.unexplained() || inv.suspects().isEmpty();
      String verdict = truth.causalChangeId() == null
          ? (abstained ? "the investigation found no causal change, as expected" : "expected no causal change")
          : (named ? "the investigation's first suspect is the causal change" : "the causal change is not first");
      out.println("   " + verdict);
    }
    out.flush();
    return new Outcome(s, truth, inv, named || (truth.causalChangeId() == null && inv != null
        && (inv.unexplained() || inv.suspects().isEmpty())), alert);
  }

  /** The investigation of the scenario's symptom over its time range; null when it could not run. */
  private Investigation investigate(CasefileServer server, GroundTruth truth) {
    var question = new Question(null, SignalSpec.parse(truth.signal()), truth.timeRange());
    try {
      Investigation inv = new Investigations(server.store()).investigate(question);
      out.print(InvestigationReport.render(inv,
          new io.casefile.incident.ContainmentAdvisor(java.time.InstantSource.system()).advise(inv).reportLines()));
      out.println();
      return inv;
    } catch (RuntimeException e) {
      out.println("The investigation could not run (" + e.getMessage() + "); the flows and changes instead:");
      printFlowsAndChanges(server, truth);
      return null;
    }
  }

  private void printFlowsAndChanges(CasefileServer server, GroundTruth truth) {
    out.printf(Locale.ROOT, "   %-14s %-28s %9s %7s %8s%n", "service", "operation", "requests", "errors", "p99 ms");
    for (FlowStats f : server.store().flows(truth.timeRange()).rows()) {
      out.printf(Locale.ROOT, "   %-14s %-28s %9d %7d %8.0f%n", f.service(), f.operation(), f.requests(), f.errors(),
          f.p99Ms());
    }
    for (ChangeEvent c : server.store().changes(truth.timeRange(), null).rows()) {
      out.printf(Locale.ROOT, "   change %s %s %s: %s%n", c.timestamp(), c.type().wireName(), c.id(), c.summary());
    }
  }

  private static String describeTruth(GroundTruth t, CasefileServer server) {
    String cause = t.causalChangeId() == null ? "no recorded change (" + t.errorPath().service()
        + (t.errorPath().peer() == null ? "" : " -> " + t.errorPath().peer()) + ")"
        : t.causalChangeId() + changeSummary(server, t);
    return t.signal() + " since " + t.onset() + " in " + t.affectedCohort() + "; cause: " + cause;
  }

  private static String changeSummary(CasefileServer server, GroundTruth t) {
    return server.store().changes(t.timeRange(), null).rows().stream()
        .filter(c -> c.id().equals(t.causalChangeId())).findFirst()
        .map(c -> ": " + c.type().wireName() + " " + c.service() + (c.version() == null ? "" : " " + c.version())
            + " at " + c.timestamp() + " (\"" + c.summary() + "\")")
        .orElse("");
  }

  private void summary(List<Outcome> outcomes) {
    out.println();
    out.printf(Locale.ROOT, "%-19s %-42s %-42s %-3s %s%n", "scenario", "causal change (truth)", "first suspect", "ok",
        "SLO alert after onset");
    for (Outcome o : outcomes) {
      String first = o.investigation() == null ? "(not investigated)"
          : o.investigation().suspects().stream().findFirst().map(Suspect::change).map(ChangeEvent::id)
              .orElse(o.investigation().unexplained() ? "(unexplained)" : "(none)");
      String alert = o.alert() == null ? "(none)"
          : java.time.Duration.between(o.truth().onset(), o.alert().at()).toSeconds() + " s";
      out.printf(Locale.ROOT, "%-19s %-42s %-42s %-3s %s%n", o.scenario().id(),
          Objects.requireNonNullElse(o.truth().causalChangeId(), "(none)"), first, o.causeNamed() ? "yes" : "no", alert);
    }
  }

  /** The shareable address of the investigation in the workbench, on the symptom's flow when there is one. */
  static String investigationPage(CasefileServer server, Investigation inv) {
    var q = inv.question();
    var flow = inv.anomaly() && inv.symptom().flow() != null ? inv.symptom().flow() : q.flow();
    java.util.function.Function<Object, String> enc =
        v -> java.net.URLEncoder.encode(String.valueOf(v), java.nio.charset.StandardCharsets.UTF_8);
    return server.apiUri() + "/investigations?" + (flow == null ? "" : "flow=" + enc.apply(flow) + "&")
        + "signal=" + enc.apply(q.signal()) + "&from=" + enc.apply(q.from()) + "&to=" + enc.apply(q.to());
  }

  private static String workbench(CasefileServer server) {
    return server.apiUri() + "/";
  }

  private static void requireEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var list = Files.list(dir)) {
        if (list.findAny().isPresent()) {
          throw new IllegalArgumentException("--data " + dir + " is not empty; the demo needs a fresh folder");
        }
      }
    } else if (Files.exists(dir)) {
      throw new IllegalArgumentException("--data " + dir + " is a file, not a folder");
    }
  }

  private void openBrowser(String address) {
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
          && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
        java.awt.Desktop.getDesktop().browse(java.net.URI.create(address));
      }
    } catch (IOException | RuntimeException e) {
      out.println("   (could not open a browser: " + e.getMessage() + ")");
    }
  }

  private static void waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
