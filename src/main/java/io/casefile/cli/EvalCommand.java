package io.casefile.cli;

import io.casefile.eval.Evaluations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", description = "Replay a labelled dataset through the analysers and print the results.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--dataset", required = true, description = "Dataset name, e.g. squeeze-b0, riskloc-rs, loghub, scenarios.")
  String dataset;

  @Option(names = "--data", required = true, description = "Folder holding the dataset, read in place.")
  Path data;

  @Option(names = "--only", description = "Replay only the cases whose label contains this text, e.g. \"TT exception\" (nezha, rcd-sockshop).")
  String only;

  @Option(names = "--verbose", description = "Print each case's top root causes with their reasons (nezha, rcd-sockshop).")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    var evaluation = Evaluations.byName(dataset);
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data " + data + " is not a folder");
    }
    evaluation.run(data, System.out, only, verbose);
    return 0;
  }
}
