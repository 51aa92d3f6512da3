package io.casefile.investigation;

import io.casefile.model.Severity;
import io.casefile.model.Onset;
import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReaders;
import io.casefile.store.Measured;
import io.casefile.model.SignalSpec;
import io.casefile.analysis.flows.ExcessErrorFlowRanker;
import io.casefile.analysis.flows.FlowCounts;
import io.casefile.analysis.flows.RankedFlow;
import io.casefile.analysis.localize.Localizer;
import io.casefile.analysis.localize.Localizers;
import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.onset.ChangePoint;
import io.casefile.analysis.onset.OnsetDetector;
import io.casefile.analysis.onset.OnsetDetectors;
import io.casefile.analysis.severity.SeverityAssessor;
import io.casefile.analysis.severity.SeverityPolicy;
import io.casefile.analysis.suspects.ChangeSuspectRanker;
import io.casefile.analysis.suspects.ScopeMatch;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.Counts;
import io.casefile.store.TelemetryReader.FlowSeries;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers a {@link Question}: finds the onset (and, for the whole environment, the flow), measures
 * the symptom against its baseline, localizes the cohorts, reads the signature, the severity and
 * the trace, log and metric signals, and ranks the changes. Every claim is recorded as evidence
 * with the SQL that reproduces it. Deterministic: the same data gives the same investigation.
 */
public final class InvestigationEngine {

  /** Tunables; {@link #DEFAULTS} follows DESIGN.md. */
  public record Settings(Duration bucket, Duration lookback, double objective, SeverityPolicy policy,
      Localizer localizer, int maxCohorts) {
    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofHours(2), 0.999,
        SeverityPolicy.DEFAULT, Localizers.standard(), 3);

    public Settings {
      if (bucket == null || bucket.toMillis() < 1000) {
        throw new IllegalArgumentException("bucket must be at least 1 s, got " + bucket);
      }
      Objects.requireNonNull(lookback, "lookback");
      Objects.requireNonNull(policy, "severity policy");
      Objects.requireNonNull(localizer, "localizer");
      if (maxCohorts < 1) {
        throw new IllegalArgumentException("max cohorts must be >= 1, got " + maxCohorts);
      }
    }
  }

  /** At most this many buckets per series; longer ranges get wider buckets. */
  private static final int MAX_BUCKETS = 1440;

  private final TelemetryReader store;
  private final Settings settings;
  private final SeverityAssessor severity;
  private final TelemetryReaders more;

  /** An engine that reads everything through {@code store}, one read after another. */
  public InvestigationEngine(TelemetryReader store, Settings settings) {
    this(store, settings, null);
  }

  /**
   * An engine that reads through {@code store} and, when {@code more} is given, reads the root-cause
   * step's data on a reader of its own from {@code more} while the symptom's steps run.
   */
  public InvestigationEngine(TelemetryReader store, Settings settings, TelemetryReaders more) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.severity = new SeverityAssessor(settings.objective(), settings.policy());
    this.more = more;
  }

  public Investigation investigate(Question q) {
    RootCauseStep step = new RootCauseStep(store, this::bucketFor);
    List<RootCauseStep.Started> started = new ArrayList<>(1);
    Consumer<TimeRange> begin = more == null ? baseline -> { }
        : baseline -> started.add(RootCauseStep.Started.begin(step.read(q, baseline), more));
    Investigation inv = symptom(q, begin);
    return step.add(inv, started.isEmpty() ? null : started.get(0));
  }

  /** The baseline before an onset: up to an hour of the question's range, at least 30 minutes. */
  static TimeRange defaultBaseline(TimeRange range, Instant end) {
    Instant start = range.from().isAfter(end.minus(Duration.ofHours(1))) ? range.from() : end.minus(Duration.ofHours(1));
    if (Duration.between(start, end).compareTo(Duration.ofMinutes(10)) < 0) {
      start = end.minus(Duration.ofMinutes(30));
    }
    return new TimeRange(start, end);
  }

  /** The symptom and what follows from it; {@code begin} is told the baseline once it is known. */
  private Investigation symptom(Question q, Consumer<TimeRange> begin) {
    EvidenceLog ev = new EvidenceLog();
    List<String> notes = new ArrayList<>();
    TimeRange range = q.range();
    Duration bucket = bucketFor(range);
    // buckets on a fixed grid (multiples of the bucket since the epoch), not from the window's start:
    // the same data gives the same buckets, and so the same onset, whichever window contains it
    TimeRange grid = aligned(range, bucket);
    OnsetDetector detector = switch (q.signal().kind()) {
      case ERRORS -> OnsetDetectors.errors();
      case LATENCY -> OnsetDetectors.latency();
      case THROUGHPUT -> OnsetDetectors.throughput();
    };

    Flow flow = q.flow();
    BucketSeries series;
    String seriesSql;
    Optional<ChangePoint> cp;
    if (flow == null && q.signal().kind() == SignalSpec.Kind.ERRORS) {
      Measured<List<FlowSeries>> all = store.flowSeries(grid, bucket, 50);
      FlowSeries worst = null;
      ChangePoint worstCp = null;
      double worstExcess = 0;
      for (FlowSeries fs : all.value()) {
        Optional<ChangePoint> c = detector.detect(fs.series());
        if (c.isPresent()) {
          int k = c.get().index();
          double excess = (c.get().after() - c.get().before()) * fs.series().totalRequests(k, fs.series().size());
          if (worse(fs, excess, worst, worstExcess)) {
            worst = fs;
            worstCp = c.get();
            worstExcess = excess;
          }
        }
      }
      seriesSql = all.query();
      if (worst == null) {
        String id = ev.add("no flow's error rate changed significantly between " + range.from() + " and " + range.to()
            + " (" + all.value().size() + " flows examined, " + bucket.toSeconds() + " s buckets)",
            EvidenceLog.numbers("flows", all.value().size()), seriesSql);
        notes.add("nothing is wrong in this window: no significant, material rise of errors in any flow [" + id + "]");
        return Investigation.noAnomaly(q, ev.all(), notes);
      }
      flow = worst.flow();
      series = worst.series();
      cp = Optional.of(worstCp);
      rankFlows(all.value(), series.bucketStart(worstCp.index()), ev, notes);
    } else {
      Measured<BucketSeries> m = store.series(flow, Map.of(), grid, bucket, q.signal());
      series = m.value();
      if (series.totalRequests(0, series.size()) == 0) {
        requireKnown(flow);
      }
      seriesSql = m.query();
      cp = detector.detect(series);
    }
    String subject = flow == null ? "the environment" : flow.toString();
    if (cp.isEmpty()) {
      String id = ev.add("no significant, material change of " + q.signal() + " in " + subject + " between "
          + range.from() + " and " + range.to() + " (" + detector.name() + ", " + bucket.toSeconds() + " s buckets, "
          + Text.count(series.totalRequests(0, series.size())) + " requests)",
          EvidenceLog.numbers("requests", series.totalRequests(0, series.size()),
              "errors", series.totalErrors(0, series.size()), "buckets", series.size()), seriesSql);
      notes.add("nothing is wrong in this window: " + q.signal() + " of " + subject + " shows no onset [" + id + "]");
      return Investigation.noAnomaly(q, ev.all(), notes);
    }
    return new Investigating(q, flow, series, seriesSql, cp.get(), bucket, detector, ev, notes).run(begin);
  }

  /**
   * Whether a flow with {@code excess} excess errors is a better subject than the current one. Errors
   * raised inside propagate to the flow users call, so the two often show the same excess: excesses
   * within one standard error of each other (Poisson, the square root of the larger) are a tie, and a
   * tie goes to the entry flow, the one users see.
   */
  static boolean worse(FlowSeries candidate, double excess, FlowSeries current, double currentExcess) {
    if (current == null) {
      return excess > 0;
    }
    double tie = Math.sqrt(Math.max(excess, currentExcess));
    if (Math.abs(excess - currentExcess) <= tie && candidate.entry() != current.entry()) {
      return candidate.entry();
    }
    return excess > currentExcess;
  }

  /** A flow with no requests at all is a typo, not a healthy flow: say so and name the closest ones. */
  private void requireKnown(Flow flow) {
    List<Flow> flows = store.flows().value();
    if (!flows.contains(flow)) {
      throw new UnknownFlowException(flow, ClosestFlows.of(flow, flows, 5));
    }
  }

  private Duration bucketFor(TimeRange range) {
    long b = settings.bucket().toMillis();
    long n = range.length().toMillis() / b;
    if (n <= MAX_BUCKETS) {
      return settings.bucket();
    }
    long wider = (long) Math.ceil((double) range.length().toMillis() / MAX_BUCKETS / b) * b;
    return Duration.ofMillis(wider);
  }

  /** The range widened back to the bucket grid's line before it. */
  static TimeRange aligned(TimeRange range, Duration bucket) {
    long b = bucket.toMillis();
    long from = Math.floorDiv(range.from().toEpochMilli(), b) * b;
    return new TimeRange(Instant.ofEpochMilli(from), range.to());
  }

  private void rankFlows(List<FlowSeries> all, Instant onset, EvidenceLog ev, List<String> notes) {
    List<FlowCounts> counts = new ArrayList<>();
    for (FlowSeries fs : all) {
      BucketSeries s = fs.series();
      int k = (int) (Duration.between(s.start(), onset).toMillis() / s.bucket().toMillis());
      counts.add(new FlowCounts(fs.flow(), s.totalRequests(0, k), s.totalErrors(0, k),
          s.totalRequests(k, s.size()), s.totalErrors(k, s.size())));
    }
    List<RankedFlow> ranked = new ExcessErrorFlowRanker().rank(counts);
    StringBuilder claim = new StringBuilder("flows by excess errors since " + onset + ":");
    Map<String, Number> numbers = new LinkedHashMap<>();
    for (RankedFlow r : ranked.subList(0, Math.min(5, ranked.size()))) {
      claim.append(" ").append(r.counts().flow()).append(" +").append(Text.count(r.excessErrors()))
          .append(" (").append(Text.percent(r.shareOfExcess())).append(");");
      numbers.put(r.counts().flow() + " excess", Text.round(r.excessErrors()));
    }
    String id = ev.add(claim.toString(), numbers, "-- from the per-flow series above");
    if (!ranked.isEmpty()) {
      notes.add("the question names no flow: investigating " + ranked.get(0).counts().flow()
          + ", the flow with the most excess errors [" + id + "]");
    }
  }

  /** One investigation in progress, once an onset is found. */
  private final class Investigating {
    final Question q;
    final Flow flow;
    final BucketSeries series;
    final String seriesSql;
    final ChangePoint cp;
    final Duration bucket;
    final OnsetDetector detector;
    final EvidenceLog ev;
    final List<String> notes;

    Investigating(Question q, Flow flow, BucketSeries series, String seriesSql, ChangePoint cp, Duration bucket,
        OnsetDetector detector, EvidenceLog ev, List<String> notes) {
      this.q = q;
      this.flow = flow;
      this.series = series;
      this.seriesSql = seriesSql;
      this.cp = cp;
      this.bucket = bucket;
      this.detector = detector;
      this.ev = ev;
      this.notes = notes;
    }

    Investigation run(Consumer<TimeRange> begin) {
      TimeRange range = q.range();
      Onset onset = onset();
      TimeRange incident = new TimeRange(onset.at(), range.to());
      Instant bEnd = onset.earliest();
      TimeRange baseline;
      Instant existed = series.firstActive() < series.size() ? series.bucketStart(series.firstActive()) : range.from();
      if (q.baseline() != null) {
        baseline = q.baseline();
      } else if (existed.isAfter(range.from()) && existed.isBefore(bEnd)) {
        // the flow began inside the range: the time before it existed is not its baseline
        Instant bStart = range.from().isAfter(bEnd.minus(Duration.ofHours(1))) ? range.from() : bEnd.minus(Duration.ofHours(1));
        baseline = new TimeRange(existed.isAfter(bStart) ? existed : bStart, bEnd);
        notes.add(subjectOf(flow) + " has requests only from " + existed + ": the baseline starts there");
      } else {
        baseline = defaultBaseline(range, bEnd);
      }
      begin.accept(baseline);
      SignalSpec signal = q.signal();

      Bad bad = Bad.ERRORS;
      Window observed;
      Window base;
      String countsSql;
      if (signal.isLatency()) {
        Measured<Counts> b0 = store.counts(flow, baseline, Bad.ERRORS, signal.quantile());
        double thresholdMs = Double.isNaN(b0.value().quantileMs()) ? 0 : b0.value().quantileMs();
        bad = Bad.slowerThan(Math.round(thresholdMs * 1000));
        Measured<Counts> b = store.counts(flow, baseline, bad, signal.quantile());
        Measured<Counts> o = store.counts(flow, incident, bad, signal.quantile());
        base = window(baseline, b.value(), nz(b.value().quantileMs()), "ms");
        observed = window(incident, o.value(), nz(o.value().quantileMs()), "ms");
        countsSql = o.query() + ";\n" + b.query();
      } else {
        Measured<Counts> b = store.counts(flow, baseline, bad, 0);
        Measured<Counts> o = store.counts(flow, incident, bad, 0);
        if (signal.kind() == SignalSpec.Kind.THROUGHPUT) {
          base = window(baseline, b.value(), b.value().requests() / minutes(baseline), "per_minute");
          observed = window(incident, o.value(), o.value().requests() / minutes(incident), "per_minute");
        } else {
          base = window(baseline, b.value(), rate(b.value()), "ratio");
          observed = window(incident, o.value(), rate(o.value()), "ratio");
        }
        countsSql = o.query() + ";\n" + b.query();
      }
      String subject = flow == null ? "the environment" : flow.toString();
      String symptomId = ev.add(signalName(signal) + " of " + subject + " went from " + Text.value(base) + " to "
              + Text.value(observed) + " at " + onset.at() + " (between " + onset.earliest() + " and " + onset.latest()
              + "; " + detector.name() + " statistic " + Text.round(cp.statistic()) + ")",
          EvidenceLog.numbers("requests", observed.requests(), "bad", observed.errors(), "value", observed.value(),
              "baseline_requests", base.requests(), "baseline_bad", base.errors(), "baseline_value", base.value(),
              "statistic", cp.statistic(), "bucket_seconds", bucket.toSeconds()),
          seriesSql + ";\n" + countsSql);
      Window weekEarlier = weekEarlier(incident, bad, signal);

      List<Cohort> cohorts = signal.kind() == SignalSpec.Kind.THROUGHPUT ? List.of()
          : new CohortFinder(store, settings.localizer(), settings.maxCohorts()).find(flow, baseline, incident, bad, ev, notes);
      if (signal.kind() == SignalSpec.Kind.THROUGHPUT) {
        notes.add("cohorts are not localized for a throughput drop");
      }
      SignalsReader signals = new SignalsReader(store, ev, notes);
      List<SignatureEntry> signature = new ArrayList<>();
      if (signal.kind() == SignalSpec.Kind.ERRORS) {
        signature.addAll(signals.signature(flow, baseline, incident, base.requests(), observed.requests()));
      }
      signature.addAll(signals.logTemplates(baseline, incident));

      Severity sev = severity(incident, base, observed, bad, signal);
      SignalsReader.Found found = signals.read(flow, baseline, incident, signal);

      List<ChangeEvent> derived = new ArrayList<>(found.derivedChanges());
      Map<String, ScopeMatch> derivedScopes = new LinkedHashMap<>();
      signals.trafficChanges(flow, series, onset, cohorts, observed, new TimeRange(series.start(), q.range().to()), bucket,
          derived, derivedScopes);
      double baselineRate = base.requests() == 0 ? 0 : (double) base.errors() / base.requests();
      ChangeSuspectRanker.Ranking ranking = new SuspectFinder(store, new ChangeSuspectRanker(), settings.lookback())
          .rank(flow, onset, q.range(), incident, bad, baselineRate, derived, derivedScopes, found.path(), ev);

      Symptom symptom = new Symptom(flow, onset, observed, base, weekEarlier, signature, cohorts, sev, symptomId);
      return new Investigation(q, true, symptom, ranking.suspects(), ranking.unexplained(), found.signals(), ev.all(), notes);
    }

    Onset onset() {
      long b = bucket.toMillis();
      Instant at = series.bucketStart(cp.index()).plusMillis(Math.round(cp.shift() * b)).truncatedTo(ChronoUnit.MILLIS);
      Instant earliest = series.bucketStart(cp.earliest()).minusMillis(b / 2);
      Instant latest = series.bucketStart(cp.latest()).plusMillis(b / 2);
      earliest = earliest.isAfter(at) ? at : earliest;
      latest = latest.isBefore(at) ? at : latest;
      if (earliest.isBefore(series.start())) {
        earliest = series.start().isAfter(at) ? at : series.start();
      }
      return new Onset(at, earliest, latest);
    }

    Window weekEarlier(TimeRange incident, Bad bad, SignalSpec signal) {
      TimeRange w = new TimeRange(incident.from().minus(Duration.ofDays(7)), incident.to().minus(Duration.ofDays(7)));
      Measured<Counts> m = store.counts(flow, w, bad, signal.isLatency() ? signal.quantile() : 0);
      Counts c = m.value();
      if (c.requests() == 0) {
        return null;
      }
      double value = switch (signal.kind()) {
        case ERRORS -> rate(c);
        case LATENCY -> nz(c.quantileMs());
        case THROUGHPUT -> c.requests() / minutes(w);
      };
      return window(w, c, value, signal.isLatency() ? "ms" : signal.kind() == SignalSpec.Kind.THROUGHPUT ? "per_minute" : "ratio");
    }

    Severity severity(TimeRange incident, Window base, Window observed, Bad bad, SignalSpec signal) {
      long affected;
      long requests = observed.requests();
      switch (signal.kind()) {
        case LATENCY -> affected = Math.max(0, Math.round(observed.errors() - observed.requests() * (1 - signal.quantile())));
        case THROUGHPUT -> {
          long expected = Math.round(base.value() * minutes(incident));
          affected = Math.max(0, expected - observed.requests());
          requests = Math.max(expected, affected);
        }
        default -> affected = observed.errors();
      }
      Measured<Long> users = store.distinctUsers(flow, incident, bad);
      String what = switch (signal.kind()) {
        case ERRORS -> "failed requests";
        case LATENCY -> "requests slower than the baseline p" + signal.percentileText() + " (" + Text.ms(base.value())
            + ") beyond the " + Text.percent(1 - signal.quantile()) + " it allows";
        case THROUGHPUT -> "requests missing against the baseline rate";
      };
      Severity s = severity.assess(affected, Math.max(requests, affected), minutes(incident),
          signal.kind() == SignalSpec.Kind.THROUGHPUT ? null : users.value(), null);
      String id = ev.add(Text.count(affected) + " " + what + " in " + Text.duration(incident.length()) + " (~"
              + Text.count(s.perMinute()) + "/min, " + Text.percent(s.trafficShare()) + " of traffic"
              + (s.users() == null ? "" : ", " + Text.count(s.users()) + " users") + "); SLO burn rate "
              + Text.round(s.burnRate()) + "x against " + Text.percent(s.objective()) + " -> " + s.level(),
          EvidenceLog.numbers("affected_requests", affected, "requests", requests, "per_minute", s.perMinute(),
              "traffic_share", s.trafficShare(), "users", s.users(), "burn_rate", s.burnRate(), "objective", s.objective()),
          users.query());
      return new Severity(s.level(), s.affectedRequests(), Text.round(s.perMinute()), Text.round(s.trafficShare()),
          s.users(), Text.round(s.burnRate()), s.objective(), id);
    }
  }

  private static String subjectOf(Flow flow) {
    return flow == null ? "the environment" : flow.toString();
  }

  static String signalName(SignalSpec s) {
    return switch (s.kind()) {
      case ERRORS -> "error rate";
      case LATENCY -> "p" + s.percentileText() + " latency";
      case THROUGHPUT -> "throughput";
    };
  }

  private static Window window(TimeRange r, Counts c, double value, String unit) {
    return new Window(r.from(), r.to(), c.requests(), c.bad(), Text.round(value), unit);
  }

  private static double rate(Counts c) {
    return c.requests() == 0 ? 0 : (double) c.bad() / c.requests();
  }

  private static double nz(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  static double minutes(TimeRange r) {
    return r.length().toMillis() / 60_000.0;
  }
}
