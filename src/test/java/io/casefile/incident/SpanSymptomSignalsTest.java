package io.casefile.incident;

import io.casefile.store.DuckDbTelemetryReader;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.Flow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A symptom naming a flow and a cohort attribute that is not in the data reads as empty, not as an error. */
class SpanSymptomSignalsTest {
  static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");

  @Test
  void aFlowWithAnUnknownCohortAttributeGivesEmptySeries() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      SpanFixture.create(db);
      SpanFixture.requests(db, T0, T0.plusSeconds(60), 5);
      var symptom = new IncidentSymptom(Flow.parse("checkout:POST /checkout"), Map.of("no_such_attribute", "x"),
          "errors", null, T0);
      var series = new SpanSymptomSignals(DuckDbTelemetryReader.on(db)).series(symptom, T0, T0.plusSeconds(60), Duration.ofSeconds(10));
      assertThat(series.treated()).isEmpty();
      assertThat(series.control()).isEmpty();
      assertThat(series.treatedCohort()).contains("attribute not in the data");
      var known = new IncidentSymptom(Flow.parse("checkout:POST /checkout"), Map.of("payment_method", "pix"),
          "errors", null, T0);
      assertThat(new SpanSymptomSignals(DuckDbTelemetryReader.on(db)).series(known, T0, T0.plusSeconds(60), Duration.ofSeconds(10)).treated())
          .isNotEmpty();
    }
  }
}
