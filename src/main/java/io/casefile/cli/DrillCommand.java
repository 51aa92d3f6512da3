package io.casefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.alerts.AlertSettings;
import io.casefile.drill.DebriefMarkdown;
import io.casefile.drill.DrillClock;
import io.casefile.drill.DrillRecord;
import io.casefile.drill.DrillRepository;
import io.casefile.drill.Drills;
import io.casefile.model.JsonCodec;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code casefile drill …}: practise an incident against a simulated shop that reacts, and get a debrief. */
@Command(name = "drill", description = "Practise an incident against a world that reacts, and get a scored debrief.",
    subcommands = {DrillCommand.Start.class, DrillCommand.End.class, DrillCommand.Report.class, DrillCommand.ListDrills.class})
final class DrillCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "start", description = "Start a drill server, play a scenario into it live and page you when its "
      + "alert fires; work the drill incident with the usual commands, then `casefile drill end`.")
  static final class Start implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME|random", defaultValue = "random",
        description = "A scenario name, or random (default): you are not told which.")
    String scenario;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "10",
        description = "Simulated seconds per real second, 1..1000 (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: from the clock).")
    Long seed;

    @Option(names = "--responder", defaultValue = "${env:USER:-responder}", description = "Who responds (default: ${DEFAULT-VALUE}).")
    String responder;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "casefile-drills",
        description = "Folder where drills are kept (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", defaultValue = "7070", description = "API and workbench port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--otlp-port", defaultValue = "4318", description = "OTLP receiver port (default: ${DEFAULT-VALUE}).")
    int otlpPort;

    @Option(names = "--history", defaultValue = "30m", converter = SimulateCommand.DurationConverter.class,
        description = "Normal traffic already there when the drill starts (default: ${DEFAULT-VALUE}).")
    Duration history;

    @Option(names = "--duration", defaultValue = "40m", converter = SimulateCommand.DurationConverter.class,
        description = "How long the world runs after the fault lands (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      Files.createDirectories(data);
      Instant origin = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Instant last = DrillRepository.lastWorldEnd(data);
      if (last != null && last.plus(history).isAfter(origin)) {
        origin = last.plus(history).plusSeconds(60);
      }
      DrillClock clock = DrillClock.paced(origin, speed);
      // the drill pages the responder itself: the drill world's burn must not open a real SLO incident
      try (CasefileServer server = CasefileServer.start(ServerConfig.defaults(data).withRetention(null)
          .withPorts(otlpPort, port).withClock(clock), AlertSettings.DEFAULTS.withEvaluationInterval(null))) {
        Drills drills = server.drills();
        DrillRecord r = drills.start(new Drills.Start(scenario, seed, responder, history, duration, 0));
        String url = server.apiUri().toString();
        out.printf(Locale.ROOT, "Drill %s for %s: a scenario is playing live into %s at %.0fx (OTLP %s).%n",
            r.id(), r.responder(), url, speed, server.otlpUri());
        out.println("Waiting for the page…");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          if (drills.running() != null) {
            try {
              drills.end(drills.running());
            } catch (RuntimeException e) {
              // the drill never paged: nothing to keep
            }
          }
        }));
        boolean paged = false;
        while (true) {
          DrillRecord now = drills.view(r.id());
          if (!paged && now.incidentId() != null) {
            paged = true;
            out.println();
            out.println("PAGE  " + now.page());
            out.println("      drill incident " + now.incidentId() + " (" + url + "/). Work it as you would a real one:");
            out.println("        casefile investigate --server " + url + " --last 15m");
            out.println("        casefile incident show " + now.incidentId() + " --server " + url);
            out.println("        casefile incident action " + now.incidentId() + " \"SUMMARY\" --lever KIND:TARGET[@VERSION] "
                + "--server " + url);
            out.println("      and end it with: casefile drill end --server " + url);
            out.flush();
          }
          if (!now.running()) {
            break;
          }
          Thread.sleep(500);
        }
        if (drills.view(r.id()).status().equals(DrillRecord.ENDED)) {
          out.println();
          out.print(DebriefMarkdown.render(drills.debrief(r.id())));
        } else {
          out.println("The drill ended before its alert fired: no debrief.");
        }
        out.println();
        out.println("The drill server keeps serving " + url + " (the debrief, the incident, the workbench) until Ctrl-C.");
        out.flush();
        Thread.currentThread().join();
      }
      return 0;
    }
  }

  abstract static class Sub implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ServerOptions conn;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    static String path(String id) {
      if (id == null || !id.matches("DRL-[0-9]+|current")) {
        throw new IllegalArgumentException("a drill id looks like DRL-3 (or current), got: " + id);
      }
      return "/api/v1/drills/" + id;
    }

    int debrief(String id) {
      if (conn.json) {
        out().println(ServerOptions.pretty(conn.client().get(path(id) + "/debrief")));
      } else {
        out().print(conn.client().getText(path(id) + "/debrief.md"));
      }
      out().flush();
      return 0;
    }

  }

  @Command(name = "end", description = "End the running drill (or ID) and print its debrief.")
  static final class End extends Sub {
    @Parameters(index = "0", paramLabel = "ID", defaultValue = "current", description = "Default: the running drill.")
    String id;

    @Override
    public Integer call() {
      JsonNode d = conn.client().post(path(id) + "/end", JsonCodec.mapper().createObjectNode());
      return debrief(d.get("drill").asText());
    }
  }

  @Command(name = "report", description = "Print a drill's debrief (Markdown, or --json).")
  static final class Report extends Sub {
    @Parameters(index = "0", paramLabel = "ID", description = "The drill, e.g. DRL-3.") String id;

    @Override
    public Integer call() {
      return debrief(id);
    }
  }

  @Command(name = "list", description = "The drills kept on the server, and each responder's scores over time.")
  static final class ListDrills extends Sub {
    @Override
    public Integer call() {
      JsonNode all = conn.client().get("/api/v1/drills");
      if (conn.json) {
        out().println(ServerOptions.pretty(all));
      } else {
        out().printf(Locale.ROOT, "%-8s %-12s %-9s %-19s %-22s %5s%n", "drill", "responder", "status", "scenario",
            "started", "score");
        for (JsonNode d : all.get("drills")) {
          out().printf(Locale.ROOT, "%-8s %-12s %-9s %-19s %-22s %5s%n", d.get("id").asText(),
              d.get("responder").asText(), d.get("status").asText(), d.get("scenario").asText(),
              d.get("started_at").asText(), d.path("score").isNull() ? "-" : d.get("score").asText());
        }
        for (JsonNode r : all.get("responders")) {
          out().printf(Locale.ROOT, "%s: %d drill(s), mean %.1f, best %d, latest %d (%+d since the first)%n",
              r.get("responder").asText(), r.get("drills").asInt(), r.get("mean").asDouble(), r.get("best").asInt(),
              r.get("latest").asInt(), r.get("change_since_first").asInt());
        }
      }
      out().flush();
      return 0;
    }
  }
}
