package io.casefile.drill;

import io.casefile.incident.Casefile;
import io.casefile.incident.Lever;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a debrief is judged from: the scenario's truth, what the world did, and what the
 * responder did (the drill incident's casefile and the investigations they asked).
 *
 * @param affectedFlows the flows the fault shows in, as {@code service:operation}
 * @param cohort the affected cohort (a disjunction of attribute conjunctions); empty for the whole flow
 * @param bestFixDelay how long the right change takes to stop the fault once made
 * @param curedAt when the fault stopped for good, or null when it never did
 */
record DrillFacts(
    String drill,
    String scenario,
    String description,
    String responder,
    long seed,
    double speed,
    String signal,
    Instant startedAt,
    Instant onset,
    Instant pagedAt,
    String page,
    List<String> affectedFlows,
    List<Map<String, String>> cohort,
    String cause,
    String rightMitigation,
    Duration bestFixDelay,
    List<Event> truthEvents,
    Casefile casefile,
    List<Inquiry> inquiries,
    List<AppliedLever> levers,
    Instant curedAt,
    List<Traffic> traffic) {

  DrillFacts {
    Objects.requireNonNull(onset, "onset");
    Objects.requireNonNull(pagedAt, "pagedAt");
    Objects.requireNonNull(casefile, "casefile");
    affectedFlows = List.copyOf(affectedFlows);
    cohort = cohort.stream().map(Map::copyOf).toList();
    truthEvents = List.copyOf(truthEvents);
    inquiries = List.copyOf(inquiries);
    levers = List.copyOf(levers);
    traffic = List.copyOf(traffic);
  }

  /** Something that happened in the world, as the scenario's truth knows it. */
  record Event(Instant at, String text) {}

  /** One export interval of user requests: entered, failed, and touched by the fault (or a disturbance). */
  record Traffic(Instant from, Instant to, long requests, long failed, long affected) {}

  /** A change the responder made through a lever, and what the world did with it. */
  record AppliedLever(long seq, Instant at, Lever lever, String reaction, Instant fullEffectAt, boolean cures) {}

  /**
   * An investigation the responder asked during the drill, as the server answered it: the
   * symptom's flow, onset and cohorts, and the suspects shown.
   */
  record Inquiry(Instant at, String question, boolean anomaly, String flow, Instant onset,
      List<Map<String, String>> cohorts, List<String> suspects, boolean unexplained) {
    Inquiry {
      cohorts = cohorts.stream().map(Map::copyOf).toList();
      suspects = List.copyOf(suspects);
    }
  }
}
