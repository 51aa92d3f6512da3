package io.casefile.incident;

import io.casefile.store.DuckDbStore;
import io.casefile.store.DuckDbTelemetryReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.analysis.effect.EffectVerdict;
import io.casefile.model.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentsTest {
  static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");
  static final Instant ONSET = T0.plusSeconds(600);
  static final Instant ROLLBACK = T0.plusSeconds(1200);

  @TempDir Path dir;
  Connection db;
  /** The incident tables, in a store of their own beside the telemetry fixture. */
  DuckDbStore features;
  TestClock clock;
  Incidents incidents;

  @BeforeEach
  void setUp() throws Exception {
    db = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("casefile.duckdb"));
    SpanFixture.create(db);
    SpanFixture.requests(db, T0, ONSET, 5);
    SpanFixture.requests(db, ONSET, ROLLBACK.plusSeconds(30), 700);
    SpanFixture.requests(db, ROLLBACK.plusSeconds(30), ROLLBACK.plusSeconds(900), 5);
    clock = new TestClock(ONSET.plusSeconds(300));
    var duck = (DuckDBConnection) db;
    features = openFeatures();
    incidents = new Incidents(new IncidentRepository(features.featureTables()), clock, new SpanSymptomSignals(DuckDbTelemetryReader.on(duck.duplicate())),
        new EvidenceSnapshots(features.featureTables(), io.casefile.store.SnapshotFiles.on(duck.duplicate()), dir));
  }

  DuckDbStore openFeatures() {
    return DuckDbStore.open(dir.resolve("incidents.duckdb"), List.of(IncidentSchema.SCHEMA));
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
    features.close();
  }

  Casefile openPixIncident() {
    var symptom = new IncidentSymptom(new Flow("checkout", "POST /checkout"), Map.of("payment_method", "pix"),
        "errors", "pix checkouts fail", ONSET);
    return incidents.open(new OpenIncident("checkout 500s", Severity.SEV2, "ana", "ana", symptom, null));
  }

  @Test
  void rollbackGetsASnapshotFirstAndIsMeasuredAsHelped() throws Exception {
    String id = openPixIncident().incident().id();
    clock.set(ROLLBACK);
    Entry action = incidents.append(id, "ana", new EntryBody.Action(ActionKind.MITIGATION, "roll back payments",
        "payments", "pix errors stop", Duration.ofMinutes(5), null, null, null), false, null);
    Casefile c = incidents.get(id);
    assertThat(c.entries()).extracting(Entry::type).containsExactly("snapshot", "action");
    var snapshot = (EntryBody.Snapshot) c.entries().get(0).body();
    assertThat(((EntryBody.Action) action.body()).snapshotId()).isEqualTo(snapshot.snapshotId());
    assertThat(snapshot.rows().get("spans")).isEqualTo(12_001L); // 15 min before onset (data starts at T0) to now, inclusive
    assertThat(snapshot.manifestSha256()).hasSize(64);
    assertThat(incidents.snapshots().verify(snapshot.snapshotId())).isEmpty();

    assertThat(incidents.measureDue(id)).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(incidents.measureDue(id)).as("telemetry gets a grace period to arrive").isEmpty();
    clock.advance(Incidents.INGEST_GRACE);
    var effects = incidents.measureDue(id);
    assertThat(effects).hasSize(1);
    var effect = (EntryBody.Effect) effects.get(0).body();
    assertThat(effect.verdict()).isEqualTo(EffectVerdict.HELPED);
    assertThat(effect.measurement().treatedBefore().rate()).isGreaterThan(0.6);
    assertThat(effect.measurement().treatedAfter().rate()).isLessThan(0.02);
    assertThat(effect.measurement().differenceInDifferences()).isTrue();
    assertThat(effect.explanation()).contains("control");
    assertThat(incidents.get(id).actions(clock.instant()).get(0).state()).isEqualTo(ActionView.MEASURED);
    assertThat(incidents.measureDue(id)).isEmpty();
  }

  @Test
  void snapshotReopensAsADatabaseWithTheFrozenTelemetry() throws Exception {
    String id = openPixIncident().incident().id();
    clock.set(ROLLBACK);
    var snap = (EntryBody.Snapshot) incidents.snapshot(id, "bo", "before restarting pods").body();
    try (var store = incidents.snapshots().open(snap.snapshotId());
        Connection frozen = ((io.casefile.store.DuckDbStore) store).connection();
        ResultSet rs = frozen.createStatement().executeQuery(
            "SELECT count(*) FILTER (WHERE is_error AND payment_method = 'pix') FROM spans")) {
      rs.next();
      assertThat(rs.getLong(1)).isGreaterThan(2000);
    }
    // the live data may go; the snapshot stays intact
    db.createStatement().execute("DELETE FROM spans");
    assertThat(incidents.snapshots().verify(snap.snapshotId())).isEmpty();
    Files.writeString(dir.resolve("snapshots").resolve(snap.snapshotId()).resolve("spans.parquet"), "tampered");
    assertThat(incidents.snapshots().verify(snap.snapshotId())).containsExactly("spans.parquet: SHA-256 differs from the manifest");
  }

  @Test
  void casefileSurvivesReopeningTheDatabase() throws Exception {
    String id = openPixIncident().incident().id();
    incidents.append(id, "ana", new EntryBody.Note("paged payments on-call"), false, null);
    incidents.changeStatus(id, "ana", IncidentStatus.IDENTIFIED, "deploy suspected");
    features.close();
    try (DuckDbStore again = openFeatures()) {
      var repo = new IncidentRepository(again.featureTables());
      Casefile c = repo.find(id).orElseThrow();
      assertThat(c.entries()).extracting(Entry::type).containsExactly("note", "status_change");
      assertThat(c.status()).isEqualTo(IncidentStatus.IDENTIFIED);
      assertThat(c.incident().symptom().cohort()).containsEntry("payment_method", "pix");
      assertThat(c.incident().openedAt()).isEqualTo(ONSET.plusSeconds(300));
    }
  }

  @Test
  void unknownIncidentIsReported() {
    assertThatThrownBy(() -> incidents.get("INC-404")).isInstanceOf(UnknownIncident.class).hasMessageContaining("INC-404");
  }
}
