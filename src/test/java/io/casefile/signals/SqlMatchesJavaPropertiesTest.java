package io.casefile.signals;

import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.model.SignalRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.casefile.analysis.traces.Component;
import io.casefile.analysis.traces.ErrorPath;
import io.casefile.analysis.traces.ErrorPaths;
import io.casefile.analysis.traces.LatencyAttributionAnalyser;
import io.casefile.analysis.traces.OriginTally;
import io.casefile.analysis.traces.SelfTimeStats;
import io.casefile.analysis.traces.SelfTimes;
import io.casefile.analysis.traces.SpanKind;
import io.casefile.analysis.traces.TailProfile;
import io.casefile.analysis.traces.TraceSpan;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.LongRange;

/** The SQL walks over the store give the same answers as the in-memory walks on random traces. */
class SqlMatchesJavaPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T14:00:00Z");
  /** One store for all tries: each try writes its own flow and trace ids. */
  private static final TestStore STORE = new TestStore();
  private static final AtomicInteger TRIES = new AtomicInteger();

  private static SignalRequest request(String operation) {
    return new SignalRequest(new Flow("api", operation), new TimeRange(T0, T0.plusSeconds(60)),
        new TimeRange(T0.minusSeconds(60), T0), List.of(), 10_000);
  }

  @AfterContainer
  static void close() throws Exception {
    STORE.close();
  }

  /** 40 random traces whose root is a request on {@code api operation}. */
  private static List<List<TraceSpan>> traces(long seed, String operation) {
    Random r = new Random(seed);
    List<List<TraceSpan>> out = new ArrayList<>();
    long t0 = T0.getEpochSecond() * 1_000_000L;
    for (int t = 0; t < 40; t++) {
      String trace = operation + "-trace" + t;
      List<TraceSpan> spans = new ArrayList<>();
      long start = t0 + t * 1_000_000L;
      spans.add(new TraceSpan(trace, "s0", null, "api", operation, SpanKind.SERVER, r.nextInt(3) > 0,
          start, 50_000 + r.nextInt(50_000), null));
      int size = 1 + r.nextInt(25);
      for (int i = 1; i < size; i++) {
        TraceSpan parent = spans.get(r.nextInt(spans.size()));
        SpanKind kind = SpanKind.ofCode(1 + r.nextInt(3));
        spans.add(new TraceSpan(trace, "s" + i, parent.spanId(), "svc" + r.nextInt(3), "op" + r.nextInt(2),
            kind, r.nextBoolean(), start + i, r.nextInt(40_000), kind == SpanKind.CLIENT ? "peer" + r.nextInt(2) : null));
      }
      out.add(spans);
    }
    return out;
  }

  @Property(tries = 6, seed = "7")
  void errorOriginsFromSqlEqualThoseFromTheJavaWalk(@ForAll @LongRange(min = 0, max = 1_000_000) long seed)
      throws Exception {
    String operation = "GET /origin" + TRIES.incrementAndGet();
    List<List<TraceSpan>> traces = traces(seed, operation);
    List<ErrorPath> paths = new ArrayList<>();
    for (List<TraceSpan> t : traces) {
      ErrorPaths.follow(t, t.get(0)).ifPresent(paths::add);
    }
    OriginTally expected = OriginTally.of(traces.size(), paths.size(), paths);
    STORE.insert(traces.stream().flatMap(List::stream).toList());

    OriginTally actual = new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(STORE.db), request(operation)).value().incident();

    assertThat(actual).isEqualTo(expected);
  }

  @Property(tries = 6, seed = "7")
  void selfTimesFromSqlEqualThoseFromTheJavaWalk(@ForAll @LongRange(min = 0, max = 1_000_000) long seed)
      throws Exception {
    String operation = "GET /self" + TRIES.incrementAndGet();
    List<List<TraceSpan>> traces = traces(seed, operation);
    List<List<SelfTimes.SelfTime>> requests = new ArrayList<>();
    for (List<TraceSpan> t : traces) {
      requests.add(SelfTimes.ofSubtree(t, t.get(0)));
    }
    TailProfile expected = TailProfile.of(traces.size(), 0, requests);
    STORE.insert(traces.stream().flatMap(List::stream).toList());

    TailProfile actual = new LatencySignal(new LatencyAttributionAnalyser(), 0.0)
        .analyse(new DuckDbTelemetryReader(STORE.db), request(operation)).value().incident();

    assertThat(actual.sampledRequests()).isEqualTo(expected.sampledRequests());
    assertThat(actual.meanDurationMicros()).isCloseTo(expected.meanDurationMicros(), within(1e-6));
    Map<Component, SelfTimeStats> a = index(actual);
    Map<Component, SelfTimeStats> e = index(expected);
    assertThat(a.keySet()).isEqualTo(e.keySet());
    e.forEach((c, s) -> {
      SelfTimeStats x = a.get(c);
      assertThat(x.spans()).as(c.label()).isEqualTo(s.spans());
      assertThat(x.totalMicros()).as(c.label()).isCloseTo(s.totalMicros(), within(1e-6));
      assertThat(x.p50Micros()).as(c.label()).isCloseTo(s.p50Micros(), within(1e-6));
      assertThat(x.p95Micros()).as(c.label()).isCloseTo(s.p95Micros(), within(1e-6));
      assertThat(x.p99Micros()).as(c.label()).isCloseTo(s.p99Micros(), within(1e-6));
    });
  }

  private static Map<Component, SelfTimeStats> index(TailProfile p) {
    Map<Component, SelfTimeStats> m = new TreeMap<>();
    p.components().forEach(s -> m.put(s.component(), s));
    return m;
  }
}
