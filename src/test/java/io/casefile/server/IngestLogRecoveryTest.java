package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.ingest.IngestLog;
import io.casefile.ingest.OtlpSignal;
import io.casefile.bench.SyntheticSpans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the ingest log holds beyond the store's position is loaded on start, once. */
class IngestLogRecoveryTest {
  @TempDir Path dir;

  private final SyntheticSpans spans = new SyntheticSpans(11);
  private final long t0 = nanos(Instant.now().minusSeconds(300));

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static List<Long> spanIds(ExportTraceServiceRequest request) {
    List<Long> ids = new ArrayList<>();
    request.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss ->
        ss.getSpansList().forEach(s -> ids.add(s.getSpanId().asReadOnlyByteBuffer().getLong()))));
    return ids;
  }

  /** Appends requests to the data directory's ingest log as an acknowledged-but-unloaded tail. */
  private void logWithoutLoading(List<ExportTraceServiceRequest> requests) {
    try (IngestLog log = IngestLog.open(dir.resolve("ingest-log"))) {
      log.append(requests.stream()
          .map(r -> new IngestLog.Entry(OtlpSignal.TRACES, false, r.toByteArray(), 0))
          .toList());
    }
  }

  /** How often each span id is stored. */
  private static Map<Long, Integer> storedSpanIds(CasefileServer server) {
    return server.store().read(c -> {
      Map<Long, Integer> counts = new HashMap<>();
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT span_id::VARCHAR FROM spans")) {
        while (rs.next()) {
          counts.merge(Long.parseUnsignedLong(rs.getString(1)), 1, Integer::sum);
        }
        return counts;
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void assertStoredOnce(CasefileServer server, List<Long> expected) {
    Map<Long, Integer> stored = storedSpanIds(server);
    assertThat(stored).hasSize(expected.size());
    assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(stored.values()).allMatch(n -> n == 1, "each span stored once");
  }

  private static JsonNode health(CasefileServer server) {
    return TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/health"));
  }

  @Test
  void loggedButUnloadedRequestsAreLoadedOnStartAndNotAgainOnRestart() {
    var first = spans.batch(300, t0);
    var second = spans.batch(200, t0 + 1_000_000_000L);
    logWithoutLoading(List.of(first, second));
    List<Long> expected = new ArrayList<>(spanIds(first));
    expected.addAll(spanIds(second));
    assertThat(expected).doesNotHaveDuplicates().hasSize(500);

    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertStoredOnce(server, expected);
      assertThat(health(server).get("committed_rows").asLong()).isEqualTo(500);
    }
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertStoredOnce(server, expected);
      assertThat(health(server).get("committed_rows").asLong()).isZero();
    }
  }

  @Test
  void onlyTheUnloadedTailIsLoadedWhenPartOfTheLogIsStored() {
    var overHttp = spans.batch(120, t0);
    List<Long> expected = new ArrayList<>(spanIds(overHttp));
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      var r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", overHttp.toByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    var tail = spans.batch(80, t0 + 2_000_000_000L);
    logWithoutLoading(List.of(tail));
    expected.addAll(spanIds(tail));

    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertStoredOnce(server, expected);
      assertThat(health(server).get("committed_rows").asLong()).isEqualTo(80);
    }
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertStoredOnce(server, expected);
    }
  }

  @Test
  void aReadRightAfterTheAcknowledgementSeesTheRows() {
    Instant from = Instant.now().minusSeconds(600);
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      for (int round = 1; round <= 5; round++) {
        byte[] body = spans.batch(100, t0 + round * 1_000_000_000L).toByteArray();
        var r = TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", body);
        assertThat(r.statusCode()).isEqualTo(200);

        JsonNode flows = TestHttp.json(TestHttp.get(server.apiUri(), "/api/v1/flows?from=" + from));
        long requests = 0;
        for (JsonNode f : flows.get("flows")) {
          requests += f.get("requests").asLong();
        }
        assertThat(requests).as("spans visible after round %d", round).isEqualTo(100L * round);
      }
    }
  }

  @Test
  void aLostLogFolderDoesNotHideNewRequestsBehindTheStoredPosition() throws Exception {
    var before = spans.batch(150, t0);
    List<Long> expected = new ArrayList<>(spanIds(before));
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertThat(TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", before.toByteArray())
          .statusCode()).isEqualTo(200);
    }
    try (var files = java.nio.file.Files.walk(dir.resolve("ingest-log"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    var after = spans.batch(60, t0 + 3_000_000_000L);
    expected.addAll(spanIds(after));
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertThat(TestHttp.post(server.otlpUri(), "/v1/traces", "application/x-protobuf", after.toByteArray())
          .statusCode()).isEqualTo(200);
      assertStoredOnce(server, expected);
    }
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertStoredOnce(server, expected);
    }
  }

  @Test
  void aLoggedRecordThatNoLongerDecodesIsQuarantinedWithItsReason() {
    var good = spans.batch(40, t0);
    try (IngestLog log = IngestLog.open(dir.resolve("ingest-log"))) {
      log.append(List.of(new IngestLog.Entry(OtlpSignal.TRACES, false, new byte[] {(byte) 0xff, 1, 2, 3}, 0),
          new IngestLog.Entry(OtlpSignal.TRACES, false, good.toByteArray(), 0)));
    }
    long logEnd;
    try (IngestLog log = IngestLog.open(dir.resolve("ingest-log"))) {
      logEnd = log.end();
    }
    try (CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertStoredOnce(server, spanIds(good));
      long loaded = server.store().read(c -> {
        try (var st = c.createStatement();
            var rs = st.executeQuery("SELECT max(position) FROM ingest_log_loaded")) {
          rs.next();
          return rs.getLong(1);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(loaded).as("the loaded position reaches the end of the log").isEqualTo(logEnd);
      JsonNode h = health(server);
      assertThat(h.get("status").asText()).isEqualTo("degraded");
      assertThat(h.get("quarantined_requests").asLong()).isEqualTo(1);
    }
    var kept = io.casefile.ingest.Quarantine.open(dir.resolve("quarantine")).items();
    assertThat(kept).singleElement().satisfies(i -> {
      assertThat(i.entry().body()).containsExactly((byte) 0xff, 1, 2, 3);
      assertThat(i.reason()).contains("no longer decodes", "not a valid protobuf");
    });
    try (CasefileServer again = CasefileServer.start(ServerConfig.ephemeral(dir))) {
      assertStoredOnce(again, spanIds(good)); // tried again at start, and kept again
      assertThat(health(again).get("quarantined_requests").asLong()).isEqualTo(1);
    }
  }
}
