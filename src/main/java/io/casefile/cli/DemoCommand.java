package io.casefile.cli;

import io.casefile.demo.Demo;
import io.casefile.demo.Scenario;
import io.casefile.demo.SimulationOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo",
    description = "Run a simulated shop through an incident scenario on an in-process server and investigate it.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--scenario", paramLabel = "NAME|all", defaultValue = "bad-deploy",
      description = "bad-deploy (default), flag-rollout, config-change, third-party-outage, traffic-surge, "
          + "red-herring, two-changes, or all.")
  String scenario;

  @Option(names = "--speed", paramLabel = "N", defaultValue = "0",
      description = "Simulated seconds per real second; 0 (default) replays as fast as the server ingests.")
  double speed;

  @Option(names = "--seed", description = "Random seed; the same seed gives the same data (default ${DEFAULT-VALUE}).")
  long seed = SimulationOptions.DEFAULT_SEED;

  @Option(names = "--no-browser", description = "Print the report and exit instead of keeping the workbench open "
      + "(without it the demo serves the workbench until interrupted, with or without a terminal).")
  boolean noBrowser;

  @Option(names = "--data", paramLabel = "DIR", description = "Empty folder for the demo's database (default: a new temporary folder).")
  Path data;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", description = "API and workbench port (default: any free port).")
  int port;

  @Option(names = "--otlp-port", paramLabel = "PORT", defaultValue = "0", description = "OTLP receiver port (default: any free port).")
  int otlpPort;

  @Mixin
  SimulateCommand.Timeline timeline;

  @Override
  public Integer call() throws Exception {
    var scenarios = SimulateCommand.scenarios(scenario);
    var options = new Demo.Options(scenarios, timeline.options(seed), speed, data, port, otlpPort);
    boolean keepServing = !noBrowser;
    var demo = new Demo(options, System.out, System.err);
    var outcomes = demo.run(keepServing);
    return outcomes.isEmpty() ? 1 : 0;
  }
}
