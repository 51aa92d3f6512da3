package io.casefile.eval;

import io.casefile.demo.GroundTruth;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioFolder;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.Investigations;
import io.casefile.investigation.Question;
import io.casefile.model.SignalSpec;
import io.casefile.investigation.Signal;
import io.casefile.model.Suspect;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One demo scenario replayed into an in-process server on a temporary folder and investigated
 * with the ground truth's question (its first affected flow, signal and time range), scored
 * against the truth.
 */
public record ScenarioCase(GroundTruth truth, Investigation investigation, Map<String, String> changeIds) {

  /** Replays the folder written by {@code casefile simulate} and investigates it. */
  public static ScenarioCase run(Path folder) throws IOException {
    ScenarioFolder scenario = ScenarioFolder.read(folder);
    GroundTruth truth = scenario.truth();
    Path data = Files.createTempDirectory("casefile-eval-");
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(data).withRetention(null))) {
      ScenarioReplayer replayer = ScenarioReplayer.replay(folder, server.otlpUri(), server.apiUri());
      Investigation inv = new Investigations(server.store()).investigate(question(truth));
      return new ScenarioCase(truth, inv, replayer.changeIds());
    } finally {
      delete(data);
    }
  }

  /** Simulates a scenario straight into an in-process server (no files) and investigates it. */
  public static ScenarioCase simulate(Scenario scenario, SimulationOptions options) throws IOException {
    Path data = Files.createTempDirectory("casefile-eval-");
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(data).withRetention(null))) {
      ScenarioReplayer replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null);
      GroundTruth truth = ShopSimulation.run(scenario, options, replayer);
      Investigation inv = new Investigations(server.store()).investigate(question(truth));
      return new ScenarioCase(truth, inv, replayer.changeIds());
    } finally {
      delete(data);
    }
  }

  public static Question question(GroundTruth truth) {
    return new Question(truth.affectedFlows().get(0), SignalSpec.parse(truth.signal()), truth.timeRange());
  }

  /** Onset error in buckets of {@code bucket}; null without an onset. */
  public Double onsetErrorBuckets(Duration bucket) {
    if (!investigation.anomaly()) {
      return null;
    }
    return Math.abs(Duration.between(truth.onset(), investigation.symptom().onset().at()).toMillis())
        / (double) bucket.toMillis();
  }

  public Set<Map<String, String>> predictedCohorts() {
    Set<Map<String, String>> out = new HashSet<>();
    if (investigation.anomaly()) {
      investigation.symptom().cohorts().forEach(c -> out.add(Map.copyOf(c.attributes())));
    }
    return out;
  }

  public Set<Map<String, String>> trueCohorts() {
    return new HashSet<>(truth.affectedCohort());
  }

  /** The 1-based rank of the causal change among the suspects, 0 when absent or none is causal. */
  public int causalRank() {
    if (truth.causalChangeId() == null) {
      return 0;
    }
    String id = changeIds.getOrDefault(truth.causalChangeId(), truth.causalChangeId());
    List<Suspect> s = investigation.suspects();
    for (int i = 0; i < s.size(); i++) {
      if (s.get(i).change().id().equals(id)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The first suspect is a recorded change that the truth does not name as causal. */
  public boolean wrongChangeFirst() {
    if (investigation.suspects().isEmpty()) {
      return false;
    }
    var first = investigation.suspects().get(0).change();
    String causal = truth.causalChangeId() == null ? null : changeIds.getOrDefault(truth.causalChangeId(), truth.causalChangeId());
    return !first.derived() && !first.id().equals(causal);
  }

  /** The truth's expected log template is reported as new or increased (trivially true without one). */
  public boolean logTemplateReported() {
    return truth.logTemplate() == null || investigation.symptom() != null && investigation.symptom().signature().stream()
        .anyMatch(e -> e.kind().equals("log") && e.value().equals(truth.logTemplate()));
  }

  /** The first root cause names the faulty component's service. */
  public boolean rootCauseFirst() {
    return !investigation.rootCauses().isEmpty()
        && investigation.rootCauses().get(0).service().equals(truth.errorPath().service());
  }

  /** The first trace signal (error origin, or latency for a latency signal) names the faulty component. */
  public boolean originMatches() {
    var c = truth.errorPath();
    return investigation.signals().stream()
        .filter(s -> s.kind().equals("error_origin") || s.kind().equals("latency"))
        .findFirst()
        .map(s -> matches(s, c.service(), c.operation(), c.peer()))
        .orElse(false);
  }

  static boolean matches(Signal s, String service, String operation, String peer) {
    boolean op = operation == null || operation.equals(s.operation())
        || (peer != null && peer.equals(s.peer()));
    return service.equals(s.service()) && op && (peer == null || peer.equals(s.peer()));
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
