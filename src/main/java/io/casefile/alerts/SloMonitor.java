package io.casefile.alerts;

import io.casefile.alerts.MultiWindowBurnRate.Counts;
import io.casefile.alerts.MultiWindowBurnRate.Verdict;
import io.casefile.store.TelemetryReaders;
import io.casefile.store.TelemetryReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Casefile's own alerts: evaluates every SLO's burn rates at a given instant (the server calls it
 * every 10 s with its clock; the demo and the tests step it through simulated time) and turns a
 * newly firing SLO into an alert notification of group {@code slo:<objective>} through
 * {@link AlertIncidents}, and a stopped one into its resolution. The SLOs are those set with
 * {@code PUT /api/v1/slos}, else those of the SLO file, else the default availability objective for
 * every entry flow with requests in the last 6 hours.
 */
public final class SloMonitor {
  private final TelemetryReaders store;
  private final AlertIncidents alerts;
  private final AlertSettings settings;
  private final MultiWindowBurnRate burn = new MultiWindowBurnRate();
  private final SloRollup rollup = new SloRollup();
  private final Map<String, Alert> firing = new HashMap<>();
  /** Objectives whose alert state has been read back from the database since this monitor started. */
  private final java.util.Set<String> recovered = new java.util.HashSet<>();

  public SloMonitor(TelemetryReaders store, AlertIncidents alerts, AlertSettings settings) {
    this.store = store;
    this.alerts = alerts;
    this.settings = settings;
  }

  /** One objective's state at an instant. */
  public record Status(Slo slo, boolean configured, Verdict verdict, Instant dataFrom, String query) {}

  /** An SLO that started or stopped firing at {@code at}, and what the alert did. */
  public record Transition(Slo slo, boolean fired, Instant at, Verdict verdict, AlertIncidents.Outcome outcome) {}

  /** The objectives in force: set through the API, else from the file; empty means the defaults. */
  public synchronized List<Slo> configured() {
    var saved = alerts.savedObjectives();
    if (saved.isPresent()) {
      return SloConfig.parse(saved.get().getBytes(java.nio.charset.StandardCharsets.UTF_8), "saved SLOs");
    }
    return settings.sloFile() == null ? List.of() : settings.sloFile();
  }

  /** Replaces the objectives (an empty list returns to the defaults). */
  public synchronized void configure(List<Slo> slos) {
    alerts.saveObjectives(SloConfig.json(slos));
  }

  /** Every objective's burn rates at {@code now}, read directly from the store. */
  public List<Status> statuses(Instant now) {
    List<Slo> configured = configured();
    return store.withReader(reader -> statuses(reader, configured, now,
        SloCounts.read(reader, burn.windows(), now, null, null)));
  }

  /**
   * The same, with the availability counts from the rollup when {@code now} is on its grid (the
   * server's and the demo's evaluation instants are).
   */
  private List<Status> rolledUp(Instant now, boolean stored) {
    List<Slo> configured = configured();
    java.util.function.Function<TelemetryReader, List<Status>> work = reader -> {
      SloCounts.Result all = SloRollup.aligned(now) ? rollup.read(reader, burn.windows(), now) : null;
      return statuses(reader, configured, now, all != null ? all
          : SloCounts.read(reader, burn.windows(), now, null, null));
    };
    return stored ? store.withStoredReader(work) : store.withReader(work);
  }

  private List<Status> statuses(TelemetryReader reader, List<Slo> configured, Instant now, SloCounts.Result all) {
    var windows = burn.windows();
    List<Slo> slos = configured;
    if (slos.isEmpty()) {
      slos = all.rows().stream().filter(SloCounts.Row::entry)
          .map(r -> Slo.availability(r.flow(), settings.defaultObjective())).toList();
    }
    List<Status> out = new ArrayList<>();
    for (Slo s : slos) {
      SloCounts.Result r = s.kind() == Slo.Kind.AVAILABILITY ? all
          : SloCounts.read(reader, windows, now, s.flow(), s.thresholdMs());
      SloCounts.Row row = r.row(s.flow());
      Map<Duration, Counts> counts = row == null ? Map.of() : row.counts();
      Duration history = row == null ? Duration.ZERO : Duration.between(row.firstRequest(), now);
      out.add(new Status(s, !configured.isEmpty(), burn.evaluate(s.errorBudget(), counts, history),
          row == null ? null : row.firstRequest(), r.query()));
    }
    return out;
  }

  /**
   * Evaluates every objective at {@code now} over everything acknowledged so far, and raises or
   * resolves their alerts.
   */
  public synchronized List<Transition> evaluate(Instant now) {
    return evaluate(now, false);
  }

  /**
   * The same over what the store holds already (the server's evaluation every 10 s): requests
   * acknowledged in the last seconds and still being loaded are counted by the next evaluation,
   * which reads the last {@link SloRollup#LATENESS} of buckets again, and this evaluation does not
   * make the ingest pipeline commit early.
   */
  public synchronized List<Transition> evaluateStored(Instant now) {
    return evaluate(now, true);
  }

  private List<Transition> evaluate(Instant now, boolean stored) {
    List<Transition> changes = new ArrayList<>();
    for (Status st : rolledUp(now, stored)) {
      Slo s = st.slo();
      if (recovered.add(s.id())) {
        recover(s);
      }
      Alert current = firing.get(s.id());
      if (st.verdict().firing() && current == null) {
        Map<String, String> labels = labels(s);
        Alert a = new Alert(true, labels, annotations(s, st.verdict()), now, null, AlertPayloads.fingerprint(labels),
            null, Map.of());
        firing.put(s.id(), a);
        var outcome = alerts.receive(notification(s, a));
        changes.add(new Transition(s, true, now, st.verdict(), outcome));
      } else if (st.verdict().firing() && current != null) {
        alerts.askAgain(group(s), now);
      } else if (!st.verdict().firing() && current != null) {
        firing.remove(s.id());
        Alert resolved = new Alert(false, current.labels(), annotations(s, st.verdict()), current.startsAt(), now,
            current.fingerprint(), null, Map.of());
        changes.add(new Transition(s, false, now, st.verdict(), alerts.receive(notification(s, resolved))));
      }
    }
    return changes;
  }

  /** After a restart: an alert the database still holds as firing is this objective's current alert. */
  private void recover(Slo s) {
    Map<String, String> labels = labels(s);
    String fingerprint = AlertPayloads.fingerprint(labels);
    Instant since = alerts.firingSince(group(s), fingerprint);
    if (since != null) {
      firing.put(s.id(), new Alert(true, labels, Map.of(), since, null, fingerprint, null, Map.of()));
    }
  }

  /** The budget spent over the budget period (or the data there is): requests, bad ones, and what remains. */
  public record Budget(long requests, long bad, double remaining) {}

  public Budget budget(Slo s, Instant now) {
    SloCounts.Result r = store.withReader(reader -> SloCounts.read(reader, List.of(settings.budgetPeriod()), now, s.flow(),
        s.kind() == Slo.Kind.LATENCY ? s.thresholdMs() : null));
    SloCounts.Row row = r.row(s.flow());
    Counts c = row == null ? Counts.NONE : row.counts().get(settings.budgetPeriod());
    double allowed = s.errorBudget() * c.requests();
    return new Budget(c.requests(), c.bad(), c.requests() == 0 ? 1 : 1 - c.bad() / allowed);
  }

  public AlertSettings settings() {
    return settings;
  }

  static String group(Slo s) {
    return "slo:" + s.id();
  }

  private static Map<String, String> labels(Slo s) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("alertname", "SloBurnRate");
    l.put("slo", s.id());
    l.put(AlertMapping.FLOW_LABEL, s.flow().toString());
    l.put("casefile_signal", s.kind() == Slo.Kind.AVAILABILITY ? "errors" : "latency:p99");
    l.put("severity", "page");
    return l;
  }

  private static Map<String, String> annotations(Slo s, Verdict v) {
    return Map.of("summary", String.format(Locale.ROOT, "%s is burning its error budget (%s): %s", s.flow(),
        s.describe(), v.describe()));
  }

  private static AlertNotification notification(Slo s, Alert a) {
    return new AlertNotification("slo", "casefile", group(s), Map.of("slo", s.id()), a.labels(), List.of(a), 0, null);
  }
}
