package io.casefile.investigation;

import static io.casefile.investigation.SpanFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.alerts.Alert;
import io.casefile.alerts.AlertIncidents;
import io.casefile.alerts.AlertNotification;
import io.casefile.alerts.AlertSettings;
import io.casefile.comms.StatusUpdates;
import io.casefile.comms.WebhookPublisher;
import io.casefile.comms.WebhookStore;
import io.casefile.incident.EntryBody;
import io.casefile.incident.EvidenceSnapshots;
import io.casefile.incident.IncidentRepository;
import io.casefile.incident.Incidents;
import io.casefile.incident.SpanSymptomSignals;
import io.casefile.model.Flow;
import io.casefile.model.SignalSpec;
import io.casefile.server.FeatureSchemas;
import io.casefile.store.DuckDbStore;
import io.casefile.store.DuckDbTelemetryReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert that fires on the first minute of a symptom can reach an investigation that does not see
 * the anomaly yet. The incident it opened must not be left saying "nothing is wrong" while the alert
 * fires: its question is asked again, and an answer that changes the headline replaces it.
 */
class AlertReinvestigationTest {
  static final Flow CHECKOUT = Flow.parse("checkout:POST /checkout");

  @TempDir Path dir;

  @Test
  void anIncidentWhoseFirstInvestigationFoundNothingIsReinvestigatedWhileItsAlertFires() throws Exception {
    try (SpanFixture fx = new SpanFixture().shop(1200, 10, 800, 3)
        .change("payments-2.31.0", "deploy", T0.plusSeconds(780), "payments", "2.31.0", "2.30.4", "api");
        DuckDbStore features = DuckDbStore.open(null, FeatureSchemas.all())) {
      var duck = (DuckDBConnection) fx.connection;
      AtomicReference<Instant> now = new AtomicReference<>(T0.plusSeconds(830));
      var incidents = new Incidents(new IncidentRepository(features.featureTables()), now::get,
          new SpanSymptomSignals(DuckDbTelemetryReader.on(duck.duplicate())),
          new EvidenceSnapshots(features.featureTables(), io.casefile.store.SnapshotFiles.on(duck.duplicate()), dir));
      var hooks = new WebhookStore(features.featureTables());
      var updates = new StatusUpdates(incidents, hooks, WebhookPublisher.withDefaults(hooks), Runnable::run);
      var engine = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS);
      AtomicInteger asked = new AtomicInteger();
      // the first answer sees too little of the symptom; the later ones are the engine's
      var alerts = new AlertIncidents(features.featureTables(), incidents, updates,
          q -> asked.getAndIncrement() == 0 ? new Investigation(q, false, null, List.of(), false, List.of(), List.of(),
              List.of()) : engine.investigate(q),
          range -> List.of(CHECKOUT), AlertSettings.DEFAULTS);

      Map<String, String> labels = Map.of("alertname", "CheckoutErrors", "casefile_flow", CHECKOUT.toString(),
          "casefile_signal", "errors", "severity", "critical");
      Alert firing = new Alert(true, labels, Map.of("summary", "checkout fails"), T0.plusSeconds(820), null, "fp-1",
          null, Map.of());
      var opened = alerts.receive(new AlertNotification("generic", "casefile", "checkout-errors", Map.of(), labels,
          List.of(firing), 0, null));
      String id = opened.incidentId();
      assertThat(incidents.investigation(id).orElseThrow().anomaly()).isFalse();
      assertThat(incidents.get(id).bodies(EntryBody.Fact.class))
          .anySatisfy(f -> assertThat(f.statement()).contains("found no anomaly yet"));

      now.set(T0.plusSeconds(840));
      assertThat(alerts.askAgain("checkout-errors", now.get())).as("the first call starts the interval").isFalse();
      now.set(T0.plusSeconds(860));
      assertThat(alerts.askAgain("checkout-errors", now.get())).as("asked again before its interval").isFalse();
      assertThat(asked.get()).isEqualTo(1);

      now.set(T0.plusSeconds(900));
      assertThat(alerts.askAgain("checkout-errors", now.get())).isTrue();
      Investigation again = incidents.investigation(id).orElseThrow();
      assertThat(again.anomaly()).isTrue();
      assertThat(again.question().to()).isEqualTo(T0.plusSeconds(900));
      assertThat(again.suspects().getFirst().change().id()).isEqualTo("payments-2.31.0");
      assertThat(incidents.get(id).incident().symptom().cohort()).containsEntry("payment_method", "pix");
      assertThat(incidents.get(id).bodies(EntryBody.Note.class))
          .anySatisfy(n -> assertThat(n.text()).startsWith("re-investigated"));

      int entries = incidents.get(id).entries().size();
      now.set(T0.plusSeconds(940));
      assertThat(alerts.askAgain("checkout-errors", now.get())).as("the interval doubles once found").isFalse();
      assertThat(asked.get()).isEqualTo(2);
      now.set(T0.plusSeconds(960));
      assertThat(alerts.askAgain("checkout-errors", now.get())).as("the same answer adds nothing").isFalse();
      assertThat(asked.get()).isEqualTo(3);
      assertThat(incidents.get(id).entries()).hasSize(entries);
    }
  }
}
