package io.casefile.eval;

import java.util.List;
import java.util.stream.Collectors;

/** The explicit registry of evaluations; no classpath scanning. */
public final class Evaluations {
  private Evaluations() {}

  public static List<Evaluation> all() {
    return List.of(
        // registered evaluations, one line each
        new SqueezeEvaluation(),
        new RiskLocRsEvaluation(),
        new LoghubEvaluation(),
        new ScenarioEvaluation(),
        new NezhaEvaluation(),
        new RcdSockshopEvaluation()
        );
  }

  public static Evaluation byName(String dataset) {
    return all().stream()
        .filter(e -> e.dataset().equals(dataset))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + dataset + "'; known: "
            + all().stream().map(Evaluation::dataset).collect(Collectors.joining(", "))));
  }
}
