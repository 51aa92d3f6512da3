package io.casefile.logs;

import io.casefile.store.signals.LogTemplateQueries;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.logs.TemplateShift;
import io.casefile.analysis.logs.TemplateShiftAnalyser;
import io.casefile.model.TimeRange;
import io.casefile.store.DuckDbStore;
import io.casefile.store.LogRow;
import io.casefile.store.Schemas;
import io.casefile.store.TelemetryBatch;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLogTemplaterTest {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

  private static LogRow log(Instant t, String service, String body, long traceLow) {
    long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    return new LogRow(micros, micros, 17, "ERROR", body, service, traceLow == 0 ? 0 : 0x0123456789abcdefL,
        traceLow, traceLow == 0 ? 0 : 7, null, Map.of());
  }

  private static void ingest(DuckDbStore store, StoreLogTemplater templater, List<LogRow> rows) {
    store.write(List.of(new TelemetryBatch(List.of(), templater.assign(rows), List.of())), T0);
  }

  @Test
  void fillsTemplateIdsAndKeepsTemplatesAcrossRestarts() throws Exception {
    Path file = dir.resolve("casefile.duckdb");
    long timeoutId;
    try (DuckDbStore store = DuckDbStore.open(file, Schemas.all())) {
      StoreLogTemplater templater = StoreLogTemplater.open(store);
      ingest(store, templater, List.of(
          log(T0, "payments", "PixGatewayClient timeout after 5000 ms", 1),
          log(T0.plusSeconds(1), "payments", "PixGatewayClient timeout after 5012 ms", 2),
          log(T0.plusSeconds(2), "checkout", "order 8812 placed", 0)));
      try (var c = store.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), count(template_id) FROM logs")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
        assertThat(rs.getLong(2)).isEqualTo(3);
      }
      timeoutId = templater.templates().stream()
          .filter(t -> t.template().startsWith("PixGatewayClient")).findFirst().orElseThrow().id();
      assertThat(templater.templates()).extracting(t -> t.template())
          .contains("PixGatewayClient timeout after <*> ms", "order <*> placed");
    }
    try (DuckDbStore store = DuckDbStore.open(file, Schemas.all())) {
      StoreLogTemplater templater = StoreLogTemplater.open(store);
      ingest(store, templater, List.of(
          log(T0.plusSeconds(60), "payments", "PixGatewayClient timeout after 4999 ms", 3),
          log(T0.plusSeconds(61), "payments", "connection pool exhausted", 0)));
      try (var c = store.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT id, template, count, epoch_us(first_seen), epoch_us(last_seen) "
              + "FROM log_templates ORDER BY id")) {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3));
          if (rs.getLong(1) == timeoutId) {
            assertThat(rs.getLong(5) - rs.getLong(4)).isEqualTo(60_000_000L);
          }
        }
        assertThat(rows).containsExactly(
            timeoutId + " PixGatewayClient timeout after <*> ms 3",
            "2 order <*> placed 1",
            "3 connection pool exhausted 1");
      }
    }
  }

  @Test
  void movesStoredRecordsWhenSiblingTemplatesMerge() throws Exception {
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      StoreLogTemplater templater = StoreLogTemplater.open(store);
      ingest(store, templater, List.of(log(T0, "auth", "session opened for user alice", 0)));
      ingest(store, templater, List.of(log(T0.plusSeconds(1), "auth", "session opened for user bob", 0),
          log(T0.plusSeconds(2), "auth", "session opened for user carol", 0)));
      ingest(store, templater, List.of(log(T0.plusSeconds(3), "auth", "session opened for user dave", 0),
          log(T0.plusSeconds(4), "auth", "session opened for user erin", 0)));
      try (var c = store.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT t.id, t.template, t.count, count(l.template_id), "
              + "epoch_us(t.last_seen) - epoch_us(t.first_seen) FROM log_templates t "
              + "LEFT JOIN logs l ON l.template_id = t.id GROUP BY ALL")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.getString(2)).isEqualTo("session opened for user <*>");
        assertThat(rs.getLong(3)).isEqualTo(5);
        assertThat(rs.getLong(4)).isEqualTo(5);
        assertThat(rs.getLong(5)).isEqualTo(4_000_000L);
        assertThat(rs.next()).as("one template left").isFalse();
      }
    }
  }

  @Test
  void windowCountsFeedTheShiftAnalyserAndLinkTemplatesToTraces() throws Exception {
    try (DuckDbStore store = DuckDbStore.inMemory(); var connection = store.connection()) {
      StoreLogTemplater templater = StoreLogTemplater.open(store);
      List<LogRow> rows = new ArrayList<>();
      for (int i = 0; i < 600; i++) { // baseline 14:00-14:10, one a second
        rows.add(log(T0.plusSeconds(i), "checkout", "GET /cart " + (200 + i % 3), 0));
      }
      for (int i = 0; i < 120; i++) { // incident 14:10-14:12
        rows.add(log(T0.plusSeconds(600 + i), "checkout", "GET /cart 200", 0));
        rows.add(log(T0.plusSeconds(600 + i), "payments", "PixGatewayClient timeout after " + (5000 + i) + " ms",
            1000 + i));
      }
      ingest(store, templater, rows);

      var queries = new LogTemplateQueries(connection);
      TimeRange baseline = new TimeRange(T0, T0.plusSeconds(600));
      TimeRange incident = new TimeRange(T0.plusSeconds(600), T0.plusSeconds(720));
      var counts = queries.templateCounts(Optional.empty(), baseline, incident);
      assertThat(counts.sql()).contains("FROM logs l JOIN log_templates t").contains("TIMESTAMP '2026-03-01 14:10:00");

      List<TemplateShift> shifts = new TemplateShiftAnalyser()
          .analyse(counts.counts(), baseline.length(), incident.length());
      assertThat(shifts).singleElement().satisfies(s -> {
        assertThat(s.template()).isEqualTo("PixGatewayClient timeout after <*> ms");
        assertThat(s.kind()).isEqualTo(TemplateShift.Kind.NEW);
        assertThat(s.incidentCount()).isEqualTo(120);
      });

      var onlyCheckout = queries.templateCounts(Optional.of("checkout"), baseline, incident);
      assertThat(onlyCheckout.counts()).extracting(c -> c.template()).containsExactly("GET <*> <*>"); // an absolute path is a variable

      var sample = queries.traceSample(shifts.get(0).templateId(), Optional.of("payments"), incident, 5);
      assertThat(sample.records()).isEqualTo(120);
      assertThat(sample.recordsWithTrace()).isEqualTo(120);
      assertThat(sample.distinctTraces()).isEqualTo(120);
      assertThat(sample.traceIds()).hasSize(5)
          .first().isEqualTo("0123456789abcdef" + String.format("%016x", 1000));
      assertThat(sample.sql()).contains("template_id = " + shifts.get(0).templateId());
    }
  }
}
