package io.casefile.alerts;

import io.casefile.demo.GroundTruth;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Detection delay of the SLO burn alert on a demo scenario at several start instants, for
 * BENCHMARKS.md: replays the scenario (60 minutes of baseline, seed 7, 6 requests/s) into an
 * in-memory server and evaluates the SLOs as the server does (its rollup, every 10 s from the start
 * to 5 minutes after the onset, alerts opening incidents); prints the first firing, how many fired
 * before the onset and, with {@code v}, every objective's windows at that instant.
 *
 * <pre>DetectionProbe SCENARIO INCIDENT(ISO-8601) START[,START…] [v]</pre>
 */
final class DetectionProbe {
  private DetectionProbe() {}

  public static void main(String[] args) throws Exception {
    Scenario sc = Scenario.byName(args[0]);
    Duration incident = Duration.parse(args[1]);
    boolean verbose = args.length > 3 && args[3].equals("v");
    for (String st : args[2].split(",")) {
      Instant start = Instant.parse(st);
      var options = new SimulationOptions(7, start, Duration.ofMinutes(60), incident, 6);
      try (var server = CasefileServer.start(ServerConfig.ephemeral(null).withRetention(null)
          .withClock(InstantSource.fixed(options.end())), AlertSettings.DEFAULTS.withEvaluationInterval(null))) {
        GroundTruth truth;
        long t0 = System.nanoTime();
        try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null, 4)) {
          truth = ShopSimulation.run(sc, options, replayer);
        }
        long t1 = System.nanoTime();
        Instant onset = truth.onset();
        StringBuilder firsts = new StringBuilder();
        // every evaluation of the 10 s grid from the start, through the server's own path (the rollup), as the
        // server and the demo evaluate; a firing SLO opens its incident as it would there
        int baseFires = 0;
        int evals = 0;
        SloMonitor.Transition first = null;
        for (Instant t = start.plusSeconds(10); !t.isAfter(onset.plusSeconds(300)) && t.isBefore(options.end())
            && first == null; t = t.plusSeconds(10)) {
          for (var tr : server.slos().evaluate(t)) {
            if (!tr.fired()) {
              continue;
            }
            if (t.isBefore(onset)) {
              baseFires++;
            }
            first = first != null ? first : tr;
          }
          evals++;
        }
        long t2 = System.nanoTime();
        if (first != null) {
          var f = first;
          System.out.println("FIRST10 " + start + " " + f.at() + " " + f.slo().id() + " :: " + f.verdict().describe());
          if (verbose) {
            for (var s : server.slos().statuses(f.at())) {
              var v = s.verdict();
              StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s %s", s.slo().flow(), f.at()));
              for (var w : v.windows()) {
                line.append(String.format(Locale.ROOT, " %s %d/%d %.1fx", MultiWindowBurnRate.text(w.window()), w.bad(),
                    w.requests(), w.burnRate()));
              }
              System.out.println(line);
            }
          }
        }
        firsts.append(" step10s=").append(first == null ? "none" : Duration.between(onset, first.at()).toSeconds() + "s");
        System.out.printf(Locale.ROOT, "%s start=%s onset=%s baselineFires=%d/%d%s  [replay %.1fs, %.1f ms/eval]%n",
            sc.id(), start, onset, baseFires, evals, firsts, (t1 - t0) / 1e9, (t2 - t1) / 1e6 / evals);
      }
    }
  }
}
