package io.casefile.analysis.suspects;

import io.casefile.model.Confidence;
import io.casefile.model.Onset;
import io.casefile.model.Reason;
import io.casefile.model.Suspect;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scores each candidate change as {@code wTime·time + wScope·scope + wPath·path}:
 *
 * <ul>
 *   <li>time: 1 inside the onset interval (widened by {@code grace}), decaying as
 *       exp(−lead / timeScale) the earlier the change came, and near 0 after onset — a change after
 *       the symptom began cannot have caused it;
 *   <li>scope: {@link ScopeMatch#score()} (0.5 when unmeasured);
 *   <li>path: {@link PathMatch#score()}.
 * </ul>
 *
 * A derived observation (a dependency or traffic turning bad) scores 0.9× its evidence, so that a
 * change explaining the symptom as well ranks first: the observation may be its consequence.
 * A change after onset is capped at weak. Confidence needs direct evidence, not just timing:
 * strong = score ≥ 0.75 with the change at the error origin or a scope concentrating the excess;
 * moderate = score ≥ 0.55 with either; weak otherwise. The investigation is unexplained when no
 * change (recorded, or a derived deploy) reaches moderate: derived traffic shifts and dependencies
 * turning bad are observations, listed as suspects but not "a recorded change that explains this".
 */
public final class ChangeSuspectRanker {

  /** Weights and time constants. */
  public record Parameters(double wTime, double wScope, double wPath, Duration timeScale, Duration grace) {
    public static final Parameters DEFAULTS = new Parameters(0.3, 0.3, 0.4, Duration.ofMinutes(5), Duration.ofSeconds(10));

    public Parameters {
      if (wTime < 0 || wScope < 0 || wPath < 0 || Math.abs(wTime + wScope + wPath - 1) > 1e-9) {
        throw new IllegalArgumentException("suspect weights must be >= 0 and sum to 1, got "
            + wTime + ", " + wScope + ", " + wPath);
      }
      Objects.requireNonNull(timeScale, "time scale");
      Objects.requireNonNull(grace, "grace");
    }
  }

  /** The ranked suspects and whether no change explains the symptom. */
  public record Ranking(List<Suspect> suspects, boolean unexplained) {
    public Ranking {
      suspects = List.copyOf(suspects);
    }
  }

  private static final double OBSERVATION_DISCOUNT = 0.9;

  private final Parameters p;

  public ChangeSuspectRanker(Parameters parameters) {
    this.p = Objects.requireNonNull(parameters, "parameters");
  }

  public ChangeSuspectRanker() {
    this(Parameters.DEFAULTS);
  }

  public Ranking rank(Onset onset, List<SuspectFacts> candidates) {
    Objects.requireNonNull(onset, "onset");
    List<Scored> scored = new ArrayList<>();
    for (SuspectFacts f : candidates) {
      scored.add(score(onset, f));
    }
    scored.sort(Comparator.comparingDouble((Scored s) -> s.suspect.score()).reversed()
        .thenComparing(s -> s.suspect.change().timestamp(), Comparator.reverseOrder())
        .thenComparing(s -> s.suspect.change().id()));
    boolean explained = scored.stream().anyMatch(s -> s.suspect.confidence() != Confidence.WEAK && isChange(s.suspect.change()));
    return new Ranking(scored.stream().map(s -> s.suspect).toList(), !explained);
  }

  /** Recorded changes and derived deploys are changes; derived traffic and dependency shifts are observations. */
  static boolean isChange(ChangeEvent c) {
    return !c.derived() || (c.type() != ChangeType.TRAFFIC && c.type() != ChangeType.DEPENDENCY);
  }

  private record Scored(Suspect suspect) {}

  private Scored score(Onset onset, SuspectFacts f) {
    ChangeEvent c = f.change();
    List<Reason> reasons = new ArrayList<>();
    Instant t = c.timestamp();
    double time;
    boolean after = t.isAfter(onset.latest().plus(p.grace()));
    if (after) {
      time = 0.02;
      reasons.add(new Reason("time", humanize(Duration.between(onset.at(), t)) + " after onset: too late to have caused it"));
    } else if (!t.isBefore(onset.earliest().minus(p.grace()))) {
      time = 1;
      Duration lead = Duration.between(t, onset.at());
      reasons.add(new Reason("time", lead.isNegative() ? "at onset" : humanize(lead) + " before onset (within the onset interval)"));
    } else {
      Duration lead = Duration.between(t, onset.earliest());
      time = Math.exp(-(double) lead.toMillis() / p.timeScale().toMillis());
      reasons.add(new Reason("time", humanize(Duration.between(t, onset.at())) + " before onset"));
    }
    double scope = f.scope() == null ? 0.5 : f.scope().score();
    if (f.scope() != null) {
      reasons.add(new Reason("scope", f.scope().text()));
    }
    double path = f.path().score();
    String subject = c.type() == ChangeType.DEPENDENCY && c.targets().containsKey("peer")
        ? c.targets().get("peer") : c.service();
    switch (f.path()) {
      case ORIGIN -> reasons.add(new Reason("path", subject + " is where the failing requests go wrong"));
      case ON_PATH -> reasons.add(new Reason("path", subject + " is on the path of the failing requests; the fault originates further down"));
      case OFF_PATH -> reasons.add(new Reason("path", (subject == null ? "the change" : subject) + " is not on the path of the failing requests"));
      case UNKNOWN -> { }
    }
    for (String note : f.notes()) {
      reasons.add(new Reason("derived", note));
    }
    double score = p.wTime() * time + p.wScope() * scope + p.wPath() * path;
    if (after) {
      score = Math.min(score, 0.1);
    }
    if (!isChange(c)) {
      // an observation (a dependency or traffic turning) may itself be a consequence of a change
      // that explains the symptom as well: on equal evidence, the change ranks first
      score *= OBSERVATION_DISCOUNT;
    }
    score = Math.round(score * 1000) / 1000.0;
    boolean direct = f.path() == PathMatch.ORIGIN || (f.scope() != null && f.scope().score() >= 0.8);
    Confidence confidence = after || !direct ? Confidence.WEAK
        : score >= 0.75 ? Confidence.STRONG
        : score >= 0.55 ? Confidence.MODERATE
        : Confidence.WEAK;
    // a scope that clearly holds little of the excess refutes the change, whatever else points at it
    if (f.scope() != null && f.scope().coverage() < 0.95 && f.scope().score() < 0.25) {
      confidence = Confidence.WEAK;
    }
    return new Scored(new Suspect(c, Math.max(0, Math.min(1, score)), confidence, reasons, f.evidence()));
  }

  static String humanize(Duration d) {
    long s = Math.abs(d.toSeconds());
    if (s < 120) {
      return s + " s";
    }
    if (s < 2 * 3600) {
      return (s / 60) + " min";
    }
    return (s / 3600) + " h " + (s % 3600) / 60 + " min";
  }
}
