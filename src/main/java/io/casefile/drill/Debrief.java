package io.casefile.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The debrief of a drill: the responder's timeline beside the truth, a verdict per rule of the
 * discipline with its evidence and times, each change reviewed, the outcome in requests, and the
 * score out of 100 with how it was computed.
 */
public record Debrief(
    String drill,
    String scenario,
    String description,
    String responder,
    long seed,
    double speed,
    Instant startedAt,
    Instant pagedAt,
    Instant endedAt,
    String page,
    Truth truth,
    List<Row> timeline,
    List<RuleVerdict> rules,
    List<ChangeReview> changes,
    Outcome outcome,
    int score,
    List<String> scoring) {

  public Debrief {
    timeline = List.copyOf(timeline);
    rules = List.copyOf(rules);
    changes = List.copyOf(changes);
    scoring = List.copyOf(scoring);
  }

  /** What actually happened. */
  public record Truth(String signal, Instant onset, List<String> flows, String cohort, String cause,
      String rightMitigation) {}

  /** One step on the timeline; {@code side} is {@code responder} or {@code truth}. */
  public record Row(Instant at, String offset, String side, String text) {}

  /** The verdict on one rule: {@code pass}, {@code partial}, {@code fail} or {@code not_applicable}. */
  public record RuleVerdict(String rule, String title, String verdict, int points, int max, String evidence,
      List<Instant> at) {
    public RuleVerdict {
      at = List.copyOf(at);
    }
  }

  /** One change the responder made: what it aimed at, what the world did, what Casefile measured. */
  public record ChangeReview(Instant at, String summary, String lever, boolean reversible, boolean aimedAtCause,
      String world, String measured, boolean confounded) {}

  /**
   * The outcome: when the first mitigation and the fix landed, and the affected requests against
   * the best possible (the right change made at the page).
   */
  public record Outcome(Instant firstMitigationAt, Instant faultStoppedAt, Duration timeToMitigate,
      long requests, long failedRequests, long affectedRequests, long bestPossibleAffected, int points, int max) {}
}
