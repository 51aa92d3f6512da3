package io.casefile.investigation;

import io.casefile.model.Reason;
import io.casefile.analysis.rootcause.CauseEvidence;
import io.casefile.analysis.rootcause.CauseKind;
import io.casefile.analysis.rootcause.RankedCause;
import io.casefile.analysis.rootcause.RootCauseRanker;
import io.casefile.analysis.rootcause.RootCauseRanking;
import io.casefile.analysis.rootcause.SplitScan;
import io.casefile.model.TimeRange;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReader.RootCauseData;
import io.casefile.store.TelemetryReaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Adds the ranked root-cause services to an answer. The windows: the question's explicit baseline
 * and the question's range after it; else the symptom's baseline and the time since its onset; else
 * the environment's own change, found by ranking every split of the range and keeping the one whose
 * strongest cause is strongest, compared with the default baseline before it. When nothing moved it
 * abstains and says why.
 */
final class RootCauseStep {
  /** Buckets with traffic each side of a scanned split needs. */
  static final int MIN_SIDE = 3;

  private final TelemetryReader store;
  private final Function<TimeRange, Duration> bucketFor;
  private final RootCauseRanker ranker = new RootCauseRanker();

  RootCauseStep(TelemetryReader store, Function<TimeRange, Duration> bucketFor) {
    this.store = store;
    this.bucketFor = bucketFor;
  }

  /** What the step reads for a question whose symptom has {@code symptomBaseline} (null: no onset). */
  record Read(TimeRange range, Duration bucket) {}

  /** The windows the step reads: the baseline (or 30 minutes before the question) to the question's end. */
  Read read(Question q, TimeRange symptomBaseline) {
    TimeRange baseline = q.baseline() != null ? q.baseline() : symptomBaseline;
    Instant readFrom = baseline != null ? min(baseline.from(), q.from()) : q.from().minus(Duration.ofMinutes(30));
    TimeRange range = new TimeRange(readFrom, q.to());
    return new Read(range, bucketFor.apply(range));
  }

  Investigation add(Investigation inv) {
    return add(inv, null);
  }

  /**
   * Adds the root causes; {@code started}, when given, is the data of {@link #read} already being
   * read (on another reader, while the symptom's other steps ran).
   */
  Investigation add(Investigation inv, Started started) {
    Question q = inv.question();
    EvidenceLog ev = new EvidenceLog(inv.evidence());
    List<String> notes = new ArrayList<>(inv.notes());
    TimeRange baseline = q.baseline() != null ? q.baseline()
        : inv.anomaly() ? new TimeRange(inv.symptom().baseline().from(), inv.symptom().baseline().to()) : null;
    Read r = read(q, baseline);
    TimeRange read = r.range();
    Duration bucket = r.bucket();
    Measured<RootCauseData> measured = started != null && started.read().equals(r) ? started.join()
        : store.rootCauseData(read, bucket);
    if (!measured.available()) {
      notes.add("not examined: " + measured.unavailable());
      return inv.withRootCauses(List.of(), ev.all(), notes);
    }
    RootCauseData data = measured.value();
    int end = data.buckets().size();
    double seconds = bucket.toMillis() / 1000.0;
    RootCauseRanking ranking;
    TimeRange incident;
    if (baseline != null) {
      Instant split = q.baseline() != null ? max(baseline.to(), q.from()) : inv.symptom().onset().at();
      int k = Math.min(end - 1, index(read, bucket, split));
      int bTo = Math.max(index(read, bucket, baseline.from()) + 1, Math.min(k, index(read, bucket, baseline.to())));
      ranking = ranker.rank(data.buckets().window(index(read, bucket, baseline.from()), bTo, Math.max(k, bTo), end, seconds));
      incident = new TimeRange(at(read, bucket, Math.max(k, bTo)), q.to());
    } else {
      SplitScan.Found found = new SplitScan(ranker, MIN_SIDE).scan(data.buckets(), end,
          k -> index(read, bucket, InvestigationEngine.defaultBaseline(q.range(), at(read, bucket, k)).from()), seconds);
      if (found == null) {
        String id = ev.add("too little traffic between " + q.from() + " and " + q.to() + " to compare two windows ("
            + MIN_SIDE + " buckets of " + bucket.toSeconds() + " s with spans on each side)", Map.of(), data.spanQuery());
        notes.add("root causes: none, too little traffic to compare [" + id + "]");
        return inv.withRootCauses(List.of(), ev.all(), notes);
      }
      ranking = found.ranking();
      Instant at = at(read, bucket, found.split());
      baseline = InvestigationEngine.defaultBaseline(q.range(), at);
      incident = new TimeRange(at, q.to());
      if (!ranking.causes().isEmpty()) {
        String id = ev.add("the environment changed most at " + at + ": of every split of " + q.from() + " .. " + q.to()
            + " into a baseline and an incident window, this one moves the strongest cause most (raw score "
            + Text.round(ranking.strength()) + ")", EvidenceLog.numbers("score", ranking.strength()), data.spanQuery());
        notes.add("the question names no signal: the environment's change at " + at + " is compared with "
            + baseline.from() + " .. " + baseline.to() + " [" + id + "]");
      }
    }
    String covered = ev.add("root causes looked at: " + String.join("; ", data.looked())
        + (data.missing().isEmpty() ? "" : "; could not look at: " + String.join("; ", data.missing())),
        Map.of(), measured.query());
    if (ranking.causes().isEmpty()) {
      notes.add("root causes: none, " + ranking.abstention() + " [" + covered + "]");
      return inv.withRootCauses(List.of(), ev.all(), notes);
    }
    List<RootCause> causes = new ArrayList<>();
    for (RankedCause c : ranking.causes()) {
      List<Reason> reasons = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (CauseEvidence e : c.evidence().subList(0, Math.min(4, c.evidence().size()))) {
        reasons.add(new Reason(e.kind().wireName(), e.text()));
        Map<String, Number> numbers = new LinkedHashMap<>();
        e.numbers().forEach((k, v) -> numbers.put(k, Text.round(v)));
        ids.add(ev.add(c.service() + ": " + e.text(), numbers, query(e.kind(), data)));
      }
      CauseEvidence top = c.strongest();
      causes.add(new RootCause(c.service(), top.operation(), top.instance(), top.kind().wireName(), c.score(), reasons, ids));
    }
    notes.add("root causes compare " + incident.from() + " .. " + incident.to() + " with " + baseline.from() + " .. "
        + baseline.to() + " [" + covered + "]");
    return inv.withRootCauses(causes, ev.all(), notes);
  }

  /** A read begun on another reader: its data once {@link #join()}ed. */
  record Started(Read read, CompletableFuture<Measured<RootCauseData>> data) {
    /** Begins reading on a reader of its own, on a thread of its own. */
    static Started begin(Read read, TelemetryReaders readers) {
      CompletableFuture<Measured<RootCauseData>> data = new CompletableFuture<>();
      Thread.ofPlatform().daemon().name("casefile-root-cause-read").start(() -> {
        try {
          data.complete(readers.withReader(r -> r.rootCauseData(read.range(), read.bucket())));
        } catch (Throwable e) {
          data.completeExceptionally(e);
        }
      });
      return new Started(read, data);
    }

    /** The data, or the read's own failure rethrown as it was raised. */
    Measured<RootCauseData> join() {
      try {
        return data.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
  }

  private static int index(TimeRange read, Duration bucket, Instant t) {
    return (int) Math.max(0, Math.floorDiv(Duration.between(read.from(), t).toMillis(), bucket.toMillis()));
  }

  private static Instant at(TimeRange read, Duration bucket, int k) {
    return read.from().plus(bucket.multipliedBy(k));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String query(CauseKind kind, RootCauseData read) {
    return switch (kind) {
      case LOGS -> read.logQuery();
      case RESOURCE -> read.metricQuery();
      default -> read.spanQuery();
    };
  }
}
