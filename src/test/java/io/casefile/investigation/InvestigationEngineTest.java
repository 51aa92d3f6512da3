package io.casefile.investigation;

import io.casefile.model.JsonCodec;
import io.casefile.model.Onset;
import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.model.SignalSpec;
import static io.casefile.investigation.SpanFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.model.Flow;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvestigationEngineTest {
  static final Flow CHECKOUT = Flow.parse("checkout:POST /checkout");

  @Test
  void findsOnsetCohortCauseAndOriginOfABadDeploy() throws Exception {
    try (SpanFixture fx = new SpanFixture().shop(1200, 10, 800, 3)
        .change("payments-2.31.0", "deploy", T0.plusSeconds(780), "payments", "2.31.0", "2.30.4", "api")
        .change("search-9.9", "deploy", T0.plusSeconds(795), "search", "9.9", "9.8", "api")) {
      var engine = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS);
      Investigation inv = engine.investigate(new Question(CHECKOUT, SignalSpec.ERRORS, T0, T0.plusSeconds(1200)));
      System.out.println(JsonCodec.mapper().writeValueAsString(inv));
      assertThat(inv.anomaly()).isTrue();
      Symptom s = inv.symptom();
      assertThat(Duration.between(T0.plusSeconds(800), s.onset().at()).abs()).isLessThanOrEqualTo(Duration.ofSeconds(10));
      assertThat(s.cohorts()).isNotEmpty();
      assertThat(s.cohorts().get(0).attributes()).isEqualTo(Map.of("payment_method", "pix"));
      assertThat(s.signature()).anySatisfy(e -> assertThat(e.value()).isEqualTo("PixGatewayTimeout"));
      assertThat(s.severity().users()).isNotNull();
      assertThat(inv.suspects().get(0).change().id()).isEqualTo("payments-2.31.0");
      assertThat(inv.unexplained()).isFalse();
      assertThat(inv.signals()).anySatisfy(sig -> {
        assertThat(sig.kind()).isEqualTo("error_origin");
        assertThat(sig.service()).isEqualTo("payments");
        assertThat(sig.peer()).isEqualTo("pix-gateway");
      });
      for (Evidence e : inv.evidence()) {
        assertThat(e.query()).isNotBlank();
      }
    }
  }

  @Test
  void readsTheRootCauseDataOnASecondReaderWithTheSameAnswer() throws Exception {
    try (SpanFixture fx = new SpanFixture().shop(1200, 10, 800, 3)
        .change("payments-2.31.0", "deploy", T0.plusSeconds(780), "payments", "2.31.0", "2.30.4", "api")) {
      Question q = new Question(CHECKOUT, SignalSpec.ERRORS, T0, T0.plusSeconds(1200));
      Investigation alone = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection),
          InvestigationEngine.Settings.DEFAULTS).investigate(q);
      java.util.List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
      io.casefile.store.TelemetryReaders more = new io.casefile.store.TelemetryReaders() {
        @Override
        public <T> T withReader(java.util.function.Function<io.casefile.store.TelemetryReader, T> work) {
          threads.add(Thread.currentThread().getName());
          try (var c = ((org.duckdb.DuckDBConnection) fx.connection).duplicate()) {
            return work.apply(new DuckDbTelemetryReader(c));
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      };
      Investigation together = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection),
          InvestigationEngine.Settings.DEFAULTS, more).investigate(q);
      assertThat(threads).hasSize(1).allSatisfy(t -> assertThat(t).isNotEqualTo(Thread.currentThread().getName()));
      assertThat(together.rootCauses()).isNotEmpty();
      assertThat(JsonCodec.mapper().writeValueAsString(together)).isEqualTo(JsonCodec.mapper().writeValueAsString(alone));
    }
  }

  @Test
  void saysNothingIsWrongOnAHealthyWindowAndInventsNothing() throws Exception {
    try (SpanFixture fx = new SpanFixture().shop(900, 10, -1, 4)
        .change("payments-2.31.0", "deploy", T0.plusSeconds(400), "payments", "2.31.0", "2.30.4", "api")) {
      var engine = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS);
      Investigation inv = engine.investigate(new Question(CHECKOUT, SignalSpec.ERRORS, T0, T0.plusSeconds(900)));
      assertThat(inv.anomaly()).isFalse();
      assertThat(inv.symptom()).isNull();
      assertThat(inv.suspects()).isEmpty();
      assertThat(inv.notes()).anySatisfy(n -> assertThat(n).contains("nothing is wrong"));
      Investigation env = engine.investigate(new Question(null, SignalSpec.ERRORS, T0, T0.plusSeconds(900)));
      assertThat(env.anomaly()).isFalse();
    }
  }

  @Test
  void anUnknownFlowIsRefusedWithTheClosestFlowsNotAnsweredAllClear() throws Exception {
    try (var fx = new SpanFixture().shop(300, 2, -1, 3)) {
      var engine = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS);
      for (String typed : new String[] {"checkout:/checkout", "checkout:post /checkout/", "Checkout:POST /checkout",
          "checkout:/Checkout/"}) {
        assertThatThrownBy(() -> engine.investigate(
            new Question(io.casefile.model.Flow.parse(typed), SignalSpec.ERRORS, T0, T0.plusSeconds(300))))
            .as(typed)
            .isInstanceOfSatisfying(UnknownFlowException.class,
                e -> assertThat(e.closest()).first().isEqualTo(CHECKOUT));
      }
      assertThatThrownBy(() -> engine.investigate(
          new Question(io.casefile.model.Flow.parse("nosuch:op"), SignalSpec.ERRORS, T0, T0.plusSeconds(300))))
          .isInstanceOf(UnknownFlowException.class).hasMessageContaining("no flow 'nosuch:op'");
      // a flow that exists but had no traffic in the window is still answered
      Investigation quiet = engine.investigate(new Question(CHECKOUT, SignalSpec.ERRORS, T0.plusSeconds(3600),
          T0.plusSeconds(4000)));
      assertThat(quiet.anomaly()).isFalse();
    }
  }

  @Test
  void theOnsetHoldsAcrossWindowsThatContainIt() throws Exception {
    try (var fx = new SpanFixture().shop(1500, 8, 800, 5)) {
      var engine = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS);
      java.util.List<Onset> onsets = new java.util.ArrayList<>();
      for (int shift : new int[] {0, 3, 7, 26, 33, 59, 61, 94, 120, 187}) {
        Investigation inv = engine.investigate(new Question(CHECKOUT, SignalSpec.ERRORS, T0.plusSeconds(shift),
            T0.plusSeconds(1300 + shift)));
        onsets.add(inv.symptom().onset());
      }
      for (Onset a : onsets) {
        for (Onset b : onsets) {
          assertThat(a.at()).as(onsets.toString()).isBetween(b.earliest(), b.latest());
        }
      }
    }
  }

  @Test
  void findsTheFlowWhenTheQuestionNamesNone() throws Exception {
    try (SpanFixture fx = new SpanFixture().shop(1200, 10, 800, 5)) {
      var engine = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS);
      Investigation inv = engine.investigate(new Question(null, SignalSpec.ERRORS, T0, T0.plusSeconds(1200)));
      assertThat(inv.anomaly()).isTrue();
      assertThat(inv.symptom().flow()).isNotNull();
      assertThat(inv.unexplained()).isTrue();
    }
  }
}
