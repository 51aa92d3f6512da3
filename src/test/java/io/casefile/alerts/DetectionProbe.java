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
 * in-memory server and reads every objective's burn rates ({@code GET /api/v1/slos}' counts) every
 * 5 s from 40 s before the onset, every 10 s through the baseline; prints the first firing on the 30,
 * 15 and 10 s evaluation grids and, with {@code v}, the checkout's windows and each rule's p-value.
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
        // baseline: every 30 s grid point before onset
        int baseFires = 0;
        int evals = 0;
        for (Instant t = start.plusSeconds(10); t.isBefore(onset); t = t.plusSeconds(10)) {
          for (var s : server.slos().statuses(t)) {
            if (s.verdict().firing()) baseFires++;
          }
          evals++;
        }
        long t2 = System.nanoTime();
        Instant[] first = new Instant[3];
        int[] steps = {30, 15, 10};
        for (Instant t = onset.minusSeconds(40); !t.isAfter(onset.plusSeconds(420)) && t.isBefore(options.end()); t = t.plusSeconds(5)) {
          var sts = server.slos().statuses(t);
          boolean fire = sts.stream().anyMatch(s -> s.verdict().firing());
          long off = Duration.between(start, t).toSeconds();
          if (fire && first[2] == null && off % 10 == 0) {
            var f = sts.stream().filter(s -> s.verdict().firing()).findFirst().orElseThrow();
            System.out.println("FIRST10 " + start + " " + t + " " + f.slo().id() + " :: " + f.verdict().describe()
                + " :: " + f.verdict().windows().stream().map(w -> MultiWindowBurnRate.text(w.window()) + " " + w.bad() + "/" + w.requests()).toList());
          }
          for (int i = 0; i < 3; i++) {
            if (fire && first[i] == null && off % steps[i] == 0) first[i] = t;
          }
          if (verbose && off % 10 == 0) {
            for (var s : sts) {
              if (!s.slo().flow().toString().equals("frontend:POST /checkout")) continue;
              var v = s.verdict();
              StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s (%+4ds)", t,
                  Duration.between(onset, t).toSeconds()));
              for (var w : v.windows()) {
                line.append(String.format(Locale.ROOT, " %s %d/%d %.1fx", MultiWindowBurnRate.text(w.window()), w.bad(), w.requests(), w.burnRate()));
              }
              for (var r : MultiWindowBurnRate.PAGE) {
                var lw = v.window(r.longWindow());
                double mu = r.factor() * 0.001 * lw.requests();
                line.append(String.format(Locale.ROOT, " | %s mu=%.1f p=%.4f", MultiWindowBurnRate.text(r.longWindow()), mu,
                    MultiWindowBurnRate.poissonTail(lw.bad(), mu)));
              }
              line.append(v.firing() ? " FIRE " + v.firedBy().describe() : "");
              System.out.println(line);
            }
          }
        }
        long t3 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
          firsts.append(String.format(Locale.ROOT, " step%ds=%s", steps[i],
              first[i] == null ? "none" : Duration.between(onset, first[i]).toSeconds() + "s"));
        }
        System.out.printf(Locale.ROOT, "%s start=%s onset=%s baselineFires=%d/%d%s  [replay %.1fs, %.1f ms/eval]%n",
            sc.id(), start, onset, baseFires, evals, firsts, (t1 - t0) / 1e9, (t2 - t1) / 1e6 / evals);
      }
    }
  }
}
