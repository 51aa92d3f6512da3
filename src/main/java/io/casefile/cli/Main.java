package io.casefile.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code casefile} command. Subcommands are registered explicitly here. */
@Command(
    name = "casefile",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Incident investigation engine and workbench for production systems.",
    subcommands = {
      EvalCommand.class,
      ServeCommand.class,
      IncidentCommand.class,
      BenchCommand.class,
      InvestigateCommand.class,
      SimulateCommand.class,
      DemoCommand.class,
      DrillCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; never throws for bad input. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    withHelp(cli);
    cli.setExecutionExceptionHandler(Main::onError);
    return cli.execute(args);
  }

  /** Every command and subcommand answers {@code --help} (and {@code --version}) with exit 0. */
  private static void withHelp(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      withHelp(sub);
    }
  }

  private static int onError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
        || e instanceof java.io.IOException || e instanceof io.casefile.store.prometheus.PrometheusException) {
      cli.getErr().println("casefile: " + e.getMessage());
      return 2;
    }
    cli.getErr().println("casefile: internal error: " + e);
    e.printStackTrace(cli.getErr());
    return 1;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"casefile " + (v == null ? "dev" : v)};
    }
  }
}
