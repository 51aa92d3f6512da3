package io.casefile.investigation;

import io.casefile.model.SignalSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.Flow;
import io.casefile.store.DuckDbStore;
import io.casefile.store.Schemas;
import io.casefile.store.Sql;
import io.casefile.store.SpanRow;
import io.casefile.store.TelemetryBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 50,000 distinct junk attribute keys arrive first; a low-cardinality key that arrives later still
 * becomes a cohort dimension the investigation localizes, whether it is promoted to a column or,
 * with the column cap already taken, read from the attributes map.
 */
class JunkKeysCohortTest {
  static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

  @ParameterizedTest
  @ValueSource(ints = {256, 0})
  void aLateLowCardinalityKeyIsACohortAfterFiftyThousandJunkKeys(int maxColumns) {
    try (DuckDbStore store = DuckDbStore.open(null, Schemas.all(),
        new DuckDbStore.KeyPolicy(maxColumns, 10_000, 0.01, 4_096))) {
      long[] id = {1};
      List<SpanRow> junk = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        String[] k = new String[5];
        String[] v = new String[5];
        for (int j = 0; j < 5; j++) {
          k[j] = "junk." + (i * 5 + j);
          v[j] = "x" + i;
        }
        junk.add(span(id, T0.minusSeconds(3600).plusMillis(i), "POST /checkout", false, k, v));
        if (junk.size() == 1_000) {
          store.write(List.of(TelemetryBatch.ofSpans(junk)), T0);
          junk = new ArrayList<>();
        }
      }
      SplittableRandom r = new SplittableRandom(11);
      String[] methods = {"card", "card", "card", "pix", "paypal"};
      List<SpanRow> batch = new ArrayList<>();
      for (int s = 0; s < 1200; s++) {
        for (int i = 0; i < 10; i++) {
          String method = methods[r.nextInt(methods.length)];
          boolean fail = (s >= 800 && method.equals("pix") && r.nextDouble() < 0.7) || r.nextDouble() < 0.004;
          batch.add(span(id, T0.plusSeconds(s).plusMillis(r.nextInt(1000)), "POST /checkout", fail,
              new String[] {"payment_method", "region"}, new String[] {method, r.nextBoolean() ? "eu" : "us"}));
        }
        if (batch.size() >= 1_000) {
          store.write(List.of(TelemetryBatch.ofSpans(batch)), T0);
          batch = new ArrayList<>();
        }
      }
      store.write(List.of(TelemetryBatch.ofSpans(batch)), T0);

      var stats = store.keyStats();
      assertThat(stats.columns()).as("payment_method and region promoted, no junk key")
          .isEqualTo(maxColumns == 0 ? 9 : 11);
      var inv = new Investigations(store).investigate(
          new Question(Flow.parse("checkout:POST /checkout"), SignalSpec.ERRORS, T0, T0.plusSeconds(1200)));
      assertThat(inv.anomaly()).isTrue();
      assertThat(inv.symptom().cohorts()).isNotEmpty();
      assertThat(inv.symptom().cohorts().get(0).attributes()).isEqualTo(Map.of("payment_method", "pix"));
    }
  }

  static SpanRow span(long[] id, Instant t, String op, boolean fail, String[] keys, String[] values) {
    long n = id[0]++;
    return new SpanRow(1, n, n, 0, Sql.micros(t), 100_000, 2, op, fail ? 2 : 0, null, "checkout", op, true, fail,
        keys, values, keys.length);
  }
}
