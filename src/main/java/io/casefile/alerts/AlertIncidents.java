package io.casefile.alerts;

import io.casefile.comms.StatusDraft;
import io.casefile.comms.StatusUpdates;
import io.casefile.incident.Casefile;
import io.casefile.incident.EntryBody;
import io.casefile.incident.IncidentStatus;
import io.casefile.incident.Incidents;
import io.casefile.incident.OpenIncident;
import io.casefile.incident.Severity;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.Question;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.FeatureTables;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incident per alert group. The first firing notification of a group opens an incident with
 * the alert as its trigger and the investigation of the mapped question as facts and hypotheses,
 * then drafts the "investigating" update (published to the webhooks when announcing). Later
 * notifications add facts: alerts added, alerts resolved. Every alert event is recorded once per
 * (group, fingerprint, startsAt, status), so retries, repeats and restarts add nothing. When every
 * alert of the group has resolved Casefile suggests monitoring but never resolves the incident. A
 * group that fires again within {@code refire} of its last event, while its incident is not resolved,
 * brings that incident back to investigating instead of opening a new one. Calls are serialised.
 */
public final class AlertIncidents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertIncidents.class);
  public static final String AUTHOR = "casefile-alerts";

  private final AlertLedger ledger;
  private final Incidents incidents;
  private final StatusUpdates updates;
  private final Function<Question, Investigation> investigator;
  /** Alert groups whose incident's investigation is still provisional, by group key. */
  private final Map<String, Asked> provisional = new HashMap<>();

  /**
   * An incident's question while its alert fires: the headline of the answer it holds, and when to
   * ask again. {@code firstSeen} and {@code lastAsked} are in the clock of the {@link #askAgain} calls
   * (an SLO evaluation may step the data's own time): null until the first call.
   */
  private record Asked(String incidentId, Question question, String headline, Instant firstSeen, Instant lastAsked,
      Duration interval) {
    Asked at(Instant now, Duration next) {
      return new Asked(incidentId, question, headline, firstSeen == null ? now : firstSeen, now, next);
    }
  }

  /** The first wait before asking again; it doubles after each answer that found the anomaly. */
  static final Duration ASK_AGAIN_EVERY = Duration.ofSeconds(30);
  /** How long after the first call the question is still asked again. */
  static final Duration ASK_AGAIN_FOR = Duration.ofMinutes(15);
  private final Function<TimeRange, List<Flow>> flows;
  private final AlertSettings settings;

  /**
   * @param flows the flows with requests in a range (to match alert labels against)
   * @param tables the store's access to the {@link AlertSchema} tables; closed with this
   */
  public AlertIncidents(FeatureTables tables, Incidents incidents, StatusUpdates updates,
      Function<Question, Investigation> investigator, Function<TimeRange, List<Flow>> flows, AlertSettings settings) {
    this.ledger = new AlertLedger(tables);
    this.incidents = incidents;
    this.updates = updates;
    this.investigator = investigator;
    this.flows = flows;
    this.settings = settings;
  }

  /** What a notification did. {@code incidentId} is null when it concerned no incident. */
  public record Outcome(String incidentId, boolean opened, boolean reattended, int added, int duplicates,
      Question question, String mapping, StatusDraft draft, boolean announced) {}

  public synchronized Outcome receive(AlertNotification n) {
    Instant now = incidents.now();
    var group = ledger.latest(n.groupKey());
    List<Alert> fresh = n.alerts().stream().filter(a -> !ledger.seen(n.groupKey(), a))
        .sorted(Comparator.comparing(Alert::startsAt)).toList();
    int duplicates = n.alerts().size() - fresh.size();
    boolean anyNewFiring = fresh.stream().anyMatch(Alert::firing);
    if (group.isEmpty() || !attends(group.get(), now)) {
      if (!anyNewFiring) {
        return new Outcome(group.map(AlertLedger.Group::incidentId).orElse(null), false, false, 0,
            n.alerts().size(), null, null, null, false);
      }
      return open(n, fresh, duplicates, now);
    }
    String id = group.get().incidentId();
    boolean reattend = anyNewFiring && group.get().firing() == 0;
    if (reattend) {
      reattend(id, n);
    }
    int added = 0;
    for (Alert a : fresh) {
      incidents.append(id, AUTHOR, a.firing() ? addedFact(n, a, "alert added") : resolvedFact(n, a), false, null);
      ledger.record(n.groupKey(), a, id, now);
      added++;
    }
    if (fresh.stream().anyMatch(a -> !a.firing())) {
      suggestMonitoring(n.groupKey(), id);
    }
    askAgain(n.groupKey(), now);
    return new Outcome(id, false, reattend, added, duplicates, null, null, null, false);
  }

  /**
   * While a group fires, its incident's investigation is provisional: an alert can fire on the first
   * minute of a symptom, before the data can tell the cause. The same question is asked again, up to
   * {@code now}: every {@link #ASK_AGAIN_EVERY} while no anomaly is found, then at doubling intervals,
   * for {@link #ASK_AGAIN_FOR}. An answer whose headline (anomaly, first cohort, first suspect) differs
   * from the incident's replaces its investigation and adds what it found after a note. A firing alert
   * is never left beside "nothing is wrong". Returns whether the incident was re-investigated.
   */
  public synchronized boolean askAgain(String groupKey, Instant now) {
    Asked asked = provisional.get(groupKey);
    if (asked == null) {
      return false;
    }
    var group = ledger.latest(groupKey);
    if (group.isEmpty() || group.get().firing() == 0 || !group.get().incidentId().equals(asked.incidentId())
        || incidents.get(asked.incidentId()).status() == IncidentStatus.RESOLVED
        || asked.firstSeen() != null && now.isAfter(asked.firstSeen().plus(ASK_AGAIN_FOR))) {
      provisional.remove(groupKey);
      return false;
    }
    if (asked.firstSeen() == null) {
      provisional.put(groupKey, asked.at(now, asked.interval()));
      return false;
    }
    if (now.isBefore(asked.lastAsked().plus(asked.interval()))) {
      return false;
    }
    Question q = asked.question();
    Question again = new Question(q.flow(), q.signal(), q.from(), now.isAfter(q.to()) ? now : q.to());
    if (q.baseline() != null) {
      again = again.withBaseline(q.baseline());
    }
    Investigation inv;
    try {
      inv = investigator.apply(again);
    } catch (RuntimeException e) {
      LOG.warn("asking alert group {}'s question again failed: {}", groupKey, e.getMessage());
      provisional.put(groupKey, asked.at(now, asked.interval()));
      return false;
    }
    Duration next = inv.anomaly() ? asked.interval().multipliedBy(2) : asked.interval();
    String headline = headline(inv);
    if (headline.equals(asked.headline())) {
      provisional.put(groupKey, asked.at(now, next));
      return false;
    }
    provisional.put(groupKey, new Asked(asked.incidentId(), q, headline, asked.firstSeen(), now, next));
    incidents.reinvestigate(asked.incidentId(), AUTHOR, inv, "re-investigated " + again.from() + " .. " + again.to()
        + " while alert group " + groupKey + " still fires: " + asked.headline() + " -> " + headline);
    LOG.info("alert group {}: {} re-investigated: {}", groupKey, asked.incidentId(), headline);
    return true;
  }

  /** What a responder reads first in an answer: whether something is wrong, for whom, and the first suspect. */
  static String headline(Investigation inv) {
    if (inv == null) {
      return "not investigated";
    }
    if (!inv.anomaly()) {
      return "no anomaly found";
    }
    var cohorts = inv.symptom().cohorts();
    return "anomaly" + (cohorts.isEmpty() ? "" : " for " + cohorts.getFirst().describe()) + ", first suspect "
        + (inv.suspects().isEmpty() ? "none" : inv.suspects().getFirst().change().id());
  }

  /** Whether the group's incident still takes this group's notifications. */
  private boolean attends(AlertLedger.Group g, Instant now) {
    Casefile c = incidents.get(g.incidentId());
    if (c.status() == IncidentStatus.RESOLVED) {
      return false;
    }
    Instant last = g.lastEventAt() == null ? g.openedAt() : g.lastEventAt();
    return g.firing() > 0 || !now.isAfter(last.plus(settings.refire()));
  }

  private Outcome open(AlertNotification n, List<Alert> fresh, int duplicates, Instant now) {
    Alert trigger = fresh.stream().filter(Alert::firing).findFirst().orElseThrow();
    var known = flows.apply(new TimeRange(trigger.startsAt().minus(settings.mapping().baseline()),
        now.isAfter(trigger.startsAt()) ? now : trigger.startsAt().plusSeconds(60)));
    AlertMapping.Mapped mapped = settings.mapping().map(trigger, known, now);
    Investigation inv = null;
    try {
      inv = investigator.apply(mapped.question());
    } catch (RuntimeException e) {
      LOG.warn("investigating alert group {} failed: {}", n.groupKey(), e.getMessage());
    }
    String title = trigger.name() + ": " + trigger.summary();
    Casefile c = incidents.open(new OpenIncident(title.length() > 200 ? title.substring(0, 200) : title,
        inv == null || !inv.anomaly() ? severityOf(trigger) : null, null, AUTHOR, null, inv));
    String id = c.incident().id();
    ledger.openGroup(n.groupKey(), id, n.source(), now);
    provisional.put(n.groupKey(), new Asked(id, mapped.question(), headline(inv), null, null, ASK_AGAIN_EVERY));
    incidents.append(id, AUTHOR, triggerFact(n, trigger, mapped, inv), false, null);
    ledger.record(n.groupKey(), trigger, id, now);
    int added = 1;
    for (Alert a : fresh) {
      if (a != trigger) {
        incidents.append(id, AUTHOR, a.firing() ? addedFact(n, a, "alert added") : resolvedFact(n, a), false, null);
        ledger.record(n.groupKey(), a, id, now);
        added++;
      }
    }
    if (n.truncatedAlerts() > 0) {
      incidents.append(id, AUTHOR, new EntryBody.Fact(n.truncatedAlerts() + " more alerts of the group were left "
          + "out of the notification by " + n.source(), "alert", Map.of("truncated_alerts", (double) n.truncatedAlerts()),
          null), false, null);
    }
    StatusDraft draft = updates.draft(id);
    boolean announced = false;
    if (settings.announce()) {
      updates.publish(id, AUTHOR, draft.text(), id + "-alert-investigating");
      announced = true;
    }
    LOG.info("alert group {} opened {} ({})", n.groupKey(), id, mapped.explanation());
    return new Outcome(id, true, false, added, duplicates, mapped.question(), mapped.explanation(), draft, announced);
  }

  private void reattend(String id, AlertNotification n) {
    Casefile c = incidents.get(id);
    if (c.status() == IncidentStatus.MITIGATED || c.status() == IncidentStatus.MONITORING) {
      incidents.changeStatus(id, AUTHOR, IncidentStatus.INVESTIGATING,
          "alert group " + n.groupKey() + " fired again within " + settings.refire());
    } else {
      incidents.append(id, AUTHOR, new EntryBody.Note("alert group fired again within " + settings.refire()
          + " of its last alert: this incident takes it"), false, null);
    }
  }

  private void suggestMonitoring(String groupKey, String id) {
    var g = ledger.latest(groupKey);
    if (g.isPresent() && g.get().firing() == 0 && incidents.get(id).status() != IncidentStatus.MONITORING) {
      incidents.append(id, AUTHOR, new EntryBody.Note("every alert of the group has resolved: consider moving the "
          + "incident to monitoring. The alerts stopping is not a resolution; resolving needs the root cause."),
          false, null);
    }
  }

  private static EntryBody.Fact triggerFact(AlertNotification n, Alert a, AlertMapping.Mapped m, Investigation inv) {
    String question = m.question().flow() == null ? "the whole environment" : "flow " + m.question().flow();
    return new EntryBody.Fact(String.format(Locale.ROOT, "trigger: %s alert %s fired at %s (%s); investigated %s, "
            + "%s, %s .. %s [%s]%s", n.source(), a.describe(), a.startsAt(), a.summary(), question,
            m.question().signal(), m.question().from(), m.question().to(), m.explanation(),
            inv == null ? "; the investigation could not run"
                : inv.anomaly() ? ""
                : "; the investigation found no anomaly yet (the alert may have fired on the first minutes of the "
                    + "symptom): it is asked again while the alert fires"),
        "alert", Map.of(), a.generatorUrl());
  }

  private static EntryBody.Fact addedFact(AlertNotification n, Alert a, String what) {
    return new EntryBody.Fact(what + ": " + n.source() + " alert " + a.describe() + " firing since " + a.startsAt()
        + " (" + a.summary() + ")", "alert", Map.of(), a.generatorUrl());
  }

  private static EntryBody.Fact resolvedFact(AlertNotification n, Alert a) {
    Instant end = a.endsAt();
    String lasted = end == null ? "" : ", after " + Duration.between(a.startsAt(), end).toSeconds() + " s";
    return new EntryBody.Fact("alert resolved: " + n.source() + " alert " + a.describe() + " started " + a.startsAt()
        + (end == null ? "" : ", ended " + end) + lasted, "alert",
        end == null ? Map.of() : Map.of("duration_s", (double) Duration.between(a.startsAt(), end).toSeconds()),
        a.generatorUrl());
  }

  /** The alert's {@code severity} label: critical/page → SEV2, warning/high → SEV3, else SEV4. */
  static Severity severityOf(Alert a) {
    String s = a.labels().getOrDefault("severity", "").toLowerCase(Locale.ROOT);
    return switch (s) {
      case "critical", "page", "error", "disaster" -> Severity.SEV2;
      case "warning", "high", "major" -> Severity.SEV3;
      default -> {
        try {
          yield Severity.parse(s);
        } catch (IllegalArgumentException e) {
          yield Severity.SEV4;
        }
      }
    };
  }

  synchronized Instant firingSince(String groupKey, String fingerprint) {
    return ledger.firingSince(groupKey, fingerprint).orElse(null);
  }

  synchronized java.util.Optional<String> savedObjectives() {
    return ledger.objectives();
  }

  synchronized void saveObjectives(String json) {
    ledger.saveObjectives(json, incidents.now());
  }

  @Override
  public synchronized void close() {
    ledger.close();
  }
}
