package io.casefile.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TelemetryStore} must show. An implementation's test extends this and
 * says how to build a store holding the fixture's spans and changes.
 */
public abstract class TelemetryStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  /** A store holding exactly these span batches and change events. */
  protected abstract TelemetryStore storeWith(List<TelemetryBatch> spans, List<ChangeEvent> changes);

  private TelemetryStore store;

  @BeforeEach
  void openFixture() {
    store = storeWith(fixtureSpans(), fixtureChanges());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static long id = 1;

  protected static SpanRow span(String service, String version, String route, int status, long durationMs,
      Instant start, String... extra) {
    String[] keys = new String[4 + extra.length / 2];
    String[] values = new String[keys.length];
    keys[0] = "service.version";
    values[0] = version;
    keys[1] = "http.route";
    values[1] = route;
    keys[2] = "http.request.method";
    values[2] = "GET";
    keys[3] = "http.response.status_code";
    values[3] = Integer.toString(status);
    for (int i = 0; i < extra.length; i += 2) {
      keys[4 + i / 2] = extra[i];
      values[4 + i / 2] = extra[i + 1];
    }
    long n = id++;
    return new SpanRow(1, n, n, 0, Sql.micros(start), durationMs * 1000, 2, "GET " + route, status >= 500 ? 2 : 0,
        null, service, "GET " + route, true, status >= 500, keys, values, keys.length);
  }

  static List<TelemetryBatch> fixtureSpans() {
    List<SpanRow> a = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      a.add(span("checkout", "1.0", "/checkout", i < 10 ? 500 : 200, i + 1, T0.plusSeconds(i), "region", i % 2 == 0 ? "eu" : "us"));
    }
    List<SpanRow> b = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      b.add(span("checkout", "1.1", "/checkout", 200, 5, T0.plusSeconds(200 + i)));
      b.add(span("catalog", "7", "/items/{id}", 200, 3, T0.plusSeconds(200 + i)));
    }
    return List.of(TelemetryBatch.ofSpans(a), TelemetryBatch.ofSpans(b));
  }

  static List<ChangeEvent> fixtureChanges() {
    return List.of(
        new ChangeEvent("c1", ChangeType.CONFIG, T0.plusSeconds(50), "checkout", "raise pool size", null, null,
            "prod", null, Map.of("region", "eu"), null, "ana", "api"),
        new ChangeEvent("c2", ChangeType.FEATURE_FLAG, T0.plusSeconds(150), "catalog", "new-search 50%", null,
            null, null, "new-search", Map.of(), "https://flags/1", null, "api"));
  }

  @Test
  void flowsCountRequestsAndErrorsInTheRange() {
    var r = store.flows(new TimeRange(T0, T0.plusSeconds(100)));
    assertThat(r.rows()).hasSize(1);
    FlowStats f = r.rows().get(0);
    assertThat(f.service()).isEqualTo("checkout");
    assertThat(f.operation()).isEqualTo("GET /checkout");
    assertThat(f.requests()).isEqualTo(100);
    assertThat(f.errors()).isEqualTo(10);
    assertThat(f.errorRate()).isEqualTo(0.1);
    assertThat(f.p50Ms()).isBetween(50.0, 51.0);
    assertThat(f.p99Ms()).isBetween(99.0, 100.0);
    assertThat(r.sql()).contains("2026-03-01 12:00:00");
  }

  @Test
  void flowsAreGroupedByServiceAndOperation() {
    var r = store.flows(new TimeRange(T0, T0.plusSeconds(1000)));
    assertThat(r.rows()).extracting(FlowStats::service, FlowStats::operation, FlowStats::requests)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("catalog", "GET /items/{id}", 20L),
            org.assertj.core.groups.Tuple.tuple("checkout", "GET /checkout", 120L));
  }

  @Test
  void servicesListVersionsOldestFirstWithCountsAndTimes() {
    var r = store.services();
    assertThat(r.rows()).extracting(ServiceSummary::name).containsExactly("catalog", "checkout");
    ServiceSummary checkout = r.rows().get(1);
    assertThat(checkout.versions()).containsExactly("1.0", "1.1");
    assertThat(checkout.spans()).isEqualTo(120);
    assertThat(checkout.firstSeen()).isEqualTo(T0);
    assertThat(checkout.lastSeen()).isEqualTo(T0.plusSeconds(219));
    assertThat(r.sql()).isNotBlank();
  }

  @Test
  void changesAreFilteredByRangeAndService() {
    var all = store.changes(new TimeRange(T0, T0.plusSeconds(1000)), null);
    assertThat(all.rows()).extracting(ChangeEvent::id).contains("c1", "c2");
    var catalog = store.changes(new TimeRange(T0, T0.plusSeconds(1000)), "catalog");
    assertThat(catalog.rows()).extracting(ChangeEvent::id).containsExactly("c2");
    assertThat(catalog.rows().get(0).flagKey()).isEqualTo("new-search");
    var early = store.changes(new TimeRange(T0, T0.plusSeconds(100)), null);
    assertThat(early.rows()).extracting(ChangeEvent::id).containsExactly("c1");
    assertThat(early.rows().get(0).targets()).containsEntry("region", "eu");
    assertThat(early.sql()).contains("FROM changes");
  }

  @Test
  void attributeKeysIncludeEveryStoredKeyWithDistinctCounts() {
    var r = store.attributeKeys();
    assertThat(r.rows()).extracting(AttributeKey::key).contains("service.version", "http.route", "region");
    AttributeKey region = r.rows().stream().filter(k -> k.key().equals("region")).findFirst().orElseThrow();
    assertThat(region.distinctValues()).isEqualTo(2);
  }
}
