package io.casefile.incident;

import io.casefile.investigation.Cohort;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.Signal;
import io.casefile.model.Suspect;
import io.casefile.investigation.Symptom;
import io.casefile.investigation.Window;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers the containment questions from an investigation: is the damage active (the signal is
 * still elevated in the most recent window), is it meaningful (severity and failure rate), and what
 * does waiting cost (projected failed requests in the next 10 minutes at the current rate); and
 * derives candidate mitigations from the suspects, the localized cohort and the failing dependency,
 * each with its reversibility and blast radius. Pure: the clock is injected.
 */
public final class ContainmentAdvisor {
  /** Data older than this cannot tell whether the damage is still active. */
  static final Duration STALE = Duration.ofMinutes(5);
  static final Duration HORIZON = Duration.ofMinutes(10);
  static final Set<String> REGION_KEYS = Set.of("cloud.region", "region", "cloud.availability_zone", "zone",
      "availability_zone", "k8s.cluster.name", "datacenter");

  private final InstantSource clock;

  public ContainmentAdvisor(InstantSource clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /** Advice from the investigation alone: its observed window stands for "now". */
  public ContainmentAdvice advise(Investigation investigation) {
    return advise(investigation, null);
  }

  /**
   * @param recent the symptom's flow measured over the last few minutes, or null to use the
   *     investigation's observed window
   */
  public ContainmentAdvice advise(Investigation investigation, Window recent) {
    java.util.Objects.requireNonNull(investigation, "investigation");
    if (!investigation.anomaly()) {
      return new ContainmentAdvice(false, "no anomaly in the investigated window", false,
          "nothing is wrong in the window", 0, 0, 0, "nothing: no anomaly", "no_action",
          "No anomaly: nothing to contain.", List.of());
    }
    Symptom s = investigation.symptom();
    Window now = recent != null ? recent : s.observed();
    double baselineRate = s.baseline().errorRate();
    double minutes = Math.max(now.minutes(), 1.0 / 60);
    double failedPerMinute = now.errors() / minutes;
    double expected = now.requests() * baselineRate;
    double excessPerMinute = Math.max(0, now.errors() - expected) / minutes;

    Boolean active;
    String activeReason;
    boolean elevated = now.errorRate() >= Math.max(2 * baselineRate, baselineRate + 0.01) && now.errors() >= 5;
    Instant t = clock.instant();
    String rates = pct(now.errorRate()) + " now vs " + pct(baselineRate) + " baseline";
    if (now.to().isBefore(t.minus(STALE))) {
      active = null;
      activeReason = "unknown: the data ends at " + now.to() + ", more than " + STALE.toMinutes()
          + " min ago (" + rates + " then)";
    } else {
      active = elevated;
      activeReason = (elevated ? "yes: error rate " : "no: error rate ") + rates
          + String.format(Locale.ROOT, " (%d of %d requests failed from %s to %s)", now.errors(), now.requests(),
              now.from(), now.to());
    }
    String level = s.severity() == null ? "unknown" : s.severity().level();
    boolean severe = level.matches("(?i)SEV[123]");
    boolean meaningful = severe || excessPerMinute >= 1.0;
    String meaningfulReason = (meaningful ? "yes: " : "no: ") + "severity " + level
        + String.format(Locale.ROOT, ", %.1f failed requests/min (%.1f above baseline)", failedPerMinute, excessPerMinute)
        + (s.severity() == null ? "" : String.format(Locale.ROOT, ", SLO burn %.1fx", s.severity().burnRate()));
    long projected = Math.round(failedPerMinute * HORIZON.toMinutes());
    long projectedExcess = Math.round(excessPerMinute * HORIZON.toMinutes());
    String cost = Boolean.FALSE.equals(active) ? "little: the signal is back near its baseline"
        : String.format(Locale.ROOT, "~%d failed requests in the next %d min at the current rate (~%d above baseline)",
            projected, HORIZON.toMinutes(), projectedExcess);

    List<Mitigation> candidates = candidates(investigation);
    boolean reversibleCandidate = candidates.stream().anyMatch(Mitigation::reversible);
    String recommendation;
    String summary;
    if (Boolean.TRUE.equals(active) && meaningful && reversibleCandidate) {
      Mitigation first = candidates.stream().filter(Mitigation::reversible).findFirst().orElseThrow();
      recommendation = "mitigate_first";
      summary = "Damage is active and meaningful; " + first.action() + " (" + first.reversibility()
          + "); an evidence snapshot is taken first. Change one thing at a time: observe 5 min, then re-measure.";
    } else if (Boolean.TRUE.equals(active) && meaningful) {
      recommendation = "investigate_first";
      summary = "Damage is active and meaningful, but no safe, reversible mitigation follows from the evidence: "
          + "keep narrowing the cause.";
    } else {
      recommendation = "investigate_first";
      summary = Boolean.FALSE.equals(active) ? "The damage is no longer active: investigate before changing anything."
          : active == null ? "Cannot tell whether the damage is still active: refresh the investigation first."
          : "The damage is not meaningful enough to risk a change: investigate first.";
    }
    return new ContainmentAdvice(active, activeReason, meaningful, meaningfulReason, round(failedPerMinute),
        round(excessPerMinute), projected, cost, recommendation, summary, candidates);
  }

  /**
   * Candidates follow from what explains the symptom: the suspects the investigation supports (not
   * weak ones, and none when it says no change explains this), never undoing a change that a later
   * suspect already superseded (rolling back a deploy that a later rollback replaced would repeat
   * the action that caused it); then the localized region and the failing dependency.
   */
  static List<Mitigation> candidates(Investigation investigation) {
    List<Mitigation> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Suspect suspect : investigation.explainingSuspects()) {
      if (superseded(suspect.change(), investigation.suspects().stream().map(Suspect::change).toList())) {
        continue;
      }
      Mitigation m = fromChange(suspect.change(), suspect.confidence().wireName());
      if (m != null && seen.add(m.kind() + "|" + m.target())) {
        out.add(m);
      }
    }
    Symptom s = investigation.symptom();
    for (Cohort c : s.cohorts()) {
      for (var a : c.attributes().entrySet()) {
        if (REGION_KEYS.contains(a.getKey()) && seen.add("route_away|" + a.getValue())) {
          out.add(new Mitigation("route_away", "route traffic away from " + a.getKey() + "=" + a.getValue(),
              a.getKey() + "=" + a.getValue(), true, "reversible: route traffic back",
              "the other locations must absorb its traffic (" + pct(share(c, s)) + " of the flow's requests)",
              "errors in " + a.getValue() + " stop", "cohort " + c.describe()
                  + String.format(Locale.ROOT, " explains %.0f%% of the excess errors", 100 * c.shareOfExcess()),
              c.shareOfExcess() >= 0.8 ? "strong" : "moderate"));
        }
      }
    }
    for (Signal sig : investigation.signals()) {
      boolean dependency = "dependency".equals(sig.kind()) || ("error_origin".equals(sig.kind()) && sig.peer() != null);
      if (dependency && sig.peer() != null && seen.add("shed_dependency|" + sig.peer())) {
        out.add(new Mitigation("shed_dependency", "shed or disable calls to " + sig.peer()
                + " (degrade the feature gracefully)", sig.peer(), true, "reversible: re-enable the calls",
            "features that need " + sig.peer() + " stop working for everyone who uses them",
            "requests stop failing on " + sig.peer() + " timeouts or errors", sig.text(), "moderate"));
      }
    }
    return out;
  }

  /** A version change of a service that a later version change of the same service replaced. */
  private static boolean superseded(ChangeEvent c, List<ChangeEvent> all) {
    if (c.service() == null || c.version() == null
        || (c.type() != ChangeType.DEPLOY && c.type() != ChangeType.ROLLBACK)) {
      return false;
    }
    return all.stream().anyMatch(o -> o != c && c.service().equals(o.service()) && o.version() != null
        && (o.type() == ChangeType.DEPLOY || o.type() == ChangeType.ROLLBACK) && o.timestamp().isAfter(c.timestamp()));
  }

  private static Mitigation fromChange(ChangeEvent c, String confidence) {
    String basis = "suspect " + c.type().wireName() + " " + c.summary() + " at " + c.timestamp();
    String service = c.service() == null ? "the service" : c.service();
    return switch (c.type()) {
      case DEPLOY -> new Mitigation("rollback",
          "roll back " + service + (c.version() == null ? "" : " " + c.version()) + " -> "
              + (c.previousVersion() == null ? "the previous version" : c.previousVersion()),
          service, true, "reversible: re-deploy " + (c.version() == null ? "the new version" : c.version()) + " later",
          "all of " + service + "'s traffic moves to the previous version; changes shipped with it are withdrawn",
          "errors introduced by the deploy stop", basis, confidence);
      case ROLLBACK -> new Mitigation("rollback",
          "undo the rollback of " + service + ": " + (c.version() == null ? "the rolled-back version" : c.version())
              + " -> " + (c.previousVersion() == null ? "the version before it" : c.previousVersion()),
          service, true, "reversible: roll back again",
          "all of " + service + "'s traffic returns to the version the rollback replaced",
          "errors introduced by the rollback stop", basis, confidence);
      case TRAFFIC -> new Mitigation("shed_load",
          "rate-limit or scale out " + service + " for the surge", service, true,
          "reversible: lift the limit or scale back in", "requests above the limit are refused early instead of failing late",
          "errors caused by the overload stop", basis, confidence);
      case FEATURE_FLAG -> new Mitigation("flag_off",
          "turn off feature flag " + (c.flagKey() == null ? c.summary() : c.flagKey()),
          c.flagKey() == null ? service : c.flagKey(), true, "reversible: turn the flag back on",
          "users in the flag's enabled variants lose the feature", "errors in the flagged path stop", basis, confidence);
      case CONFIG -> new Mitigation("revert_config", "revert config change: " + c.summary(), service, true,
          "reversible: re-apply the change", "everything that reads this configuration", "errors since the change stop",
          basis, confidence);
      case DEPENDENCY -> new Mitigation("shed_dependency", "shed or disable the failing dependency: " + c.summary(),
          c.service() == null ? c.summary() : c.service(), true, "reversible: re-enable it",
          "features that need the dependency degrade", "requests stop failing on the dependency", basis, confidence);
      case INFRASTRUCTURE -> new Mitigation("revert_change", "revert infrastructure change: " + c.summary(), service,
          false, "partly reversible: infrastructure changes may not roll back cleanly",
          "everything on the changed infrastructure", "errors since the change stop", basis, confidence);
      default -> null;
    };
  }

  private static double share(Cohort c, Symptom s) {
    return s.observed().requests() == 0 ? 0 : (double) c.requests() / s.observed().requests();
  }

  private static String pct(double r) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * r);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
