package io.casefile.store.prometheus;

import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.DuckDbStore;
import io.casefile.store.SpanRow;
import io.casefile.store.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The contract suite's data, written once: ten minutes of request spans of three flows on a 15 s
 * grid. checkout and payments take card and pix payments in two regions; payments deploys 2.31.0
 * at step 18, and from step 20 (the incident window) pix payments fail with 500 and turn slow;
 * checkout has a 503 every ten steps; search has no payment method and never fails. No randomness:
 * every count below is known.
 */
final class RequestFixture {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final Duration STEP = Duration.ofSeconds(15);
  static final int STEPS = 40;
  static final TimeRange ALL = new TimeRange(T0, T0.plus(STEP.multipliedBy(STEPS)));
  static final TimeRange BASELINE = new TimeRange(T0, T0.plus(STEP.multipliedBy(20)));
  static final TimeRange INCIDENT = new TimeRange(T0.plus(STEP.multipliedBy(20)), ALL.to());
  static final Flow CHECKOUT = new Flow("checkout", "POST /checkout");
  static final Flow PAYMENTS = new Flow("payments", "POST /pay");
  static final Flow SEARCH = new Flow("search", "GET /search");
  /** The attributes exported as spanmetrics dimensions. */
  static final List<String> DIMENSIONS = List.of("region", "service.version", "payment_method",
      "http.response.status_code");
  static final ChangeEvent DEPLOY = new ChangeEvent("deploy-1", ChangeType.DEPLOY, T0.plus(STEP.multipliedBy(18)),
      "payments", "deploy payments 2.31.0", "2.31.0", "2.30.4", "prod", null, Map.of(), null, "ci", "api");

  /** One request as the fixture made it. */
  record Request(Instant time, Flow flow, boolean error, long durationMicros, Map<String, String> attributes) {}

  static final List<Request> REQUESTS = requests();

  private RequestFixture() {}

  private static List<Request> requests() {
    List<Request> out = new ArrayList<>();
    for (int k = 0; k < STEPS; k++) {
      Instant step = T0.plus(STEP.multipliedBy(k));
      for (int i = 0; i < 6; i++) {
        boolean pix = i % 3 == 0;
        boolean fails = k >= 20 && pix;
        boolean blip = k % 10 == 3 && i == 1;
        out.add(request(step.plusMillis(i * 2_400L + 100), CHECKOUT, fails || blip,
            fails ? 320_000 : blip ? 45_000 : 30_000 + i * 1000L, i % 2 == 0 ? "eu-west" : "us-east", "1.4.0",
            pix ? "pix" : "card", fails ? "500" : blip ? "503" : "200"));
      }
      for (int i = 0; i < 4; i++) {
        boolean pix = i % 2 == 0;
        boolean fails = k >= 20 && pix;
        out.add(request(step.plusMillis(i * 3_600L + 700), PAYMENTS, fails, fails ? 4_200_000 : 60_000 + i * 7000L,
            i < 2 ? "eu-west" : "us-east", k >= 18 ? "2.31.0" : "2.30.4", pix ? "pix" : "card", fails ? "500" : "200"));
      }
      for (int i = 0; i < 3; i++) {
        out.add(request(step.plusMillis(i * 5_000L + 300), SEARCH, false, 120_000, i == 0 ? "eu-west" : "us-east",
            "3.0.0", null, "200"));
      }
    }
    return List.copyOf(out);
  }

  private static Request request(Instant t, Flow flow, boolean error, long micros, String region, String version,
      String method, String code) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("region", region);
    a.put("service.version", version);
    if (method != null) {
      a.put("payment_method", method);
    }
    a.put("http.response.status_code", code);
    return new Request(t, flow, error, micros, a);
  }

  static List<SpanRow> spans() {
    List<SpanRow> out = new ArrayList<>();
    long id = 1;
    for (Request r : REQUESTS) {
      String[] keys = r.attributes().keySet().toArray(String[]::new);
      String[] values = r.attributes().values().toArray(String[]::new);
      long micros = r.time().getEpochSecond() * 1_000_000 + r.time().getNano() / 1000;
      out.add(new SpanRow(0, id, id, 0, micros, r.durationMicros(), 2, r.flow().operation(), r.error() ? 2 : 0, null,
          r.flow().service(), r.flow().operation(), true, r.error(), keys, values, keys.length));
      id++;
    }
    return out;
  }

  /** The fixture's spans written through the store's normal write path, and its one recorded change. */
  static DuckDbStore duckDb() {
    DuckDbStore store = DuckDbStore.inMemory();
    store.write(List.of(TelemetryBatch.ofSpans(spans())), ALL.to());
    store.recordChange(DEPLOY, ALL.to());
    return store;
  }

  /** Only the recorded change: Casefile's own store beside a metrics source. */
  static DuckDbStore changesOnly() {
    DuckDbStore store = DuckDbStore.inMemory();
    store.recordChange(DEPLOY, ALL.to());
    return store;
  }

  static SpanMetricsSeries series() {
    SpanMetricsSeries s = new SpanMetricsSeries(ALL.from(), ALL.to(), STEP, DIMENSIONS, true);
    spans().forEach(s::add);
    return s;
  }

  /** The same requests as OpenTelemetry HTTP server metrics. */
  static SpanMetricsSeries httpServerSeries() {
    SpanMetricsSeries s = new SpanMetricsSeries(ALL.from(), ALL.to(), STEP, DIMENSIONS, true).asHttpServerMetrics();
    spans().forEach(s::add);
    return s;
  }

  static long count(Predicate<Request> p) {
    return REQUESTS.stream().filter(p).count();
  }

  static Predicate<Request> in(Flow flow, TimeRange range) {
    return r -> (flow == null || r.flow().equals(flow)) && range.contains(r.time());
  }
}
