package io.casefile.investigation;

import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.model.SignalSpec;
import static io.casefile.investigation.SpanFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.Flow;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** "For whom" considers the attributes people slice by, whatever their names, and says what it left out. */
class CohortDimensionsTest {
  static final Flow CHECKOUT = Flow.parse("checkout:POST /checkout");

  /** The shop's failing pix payments, told apart only by {@code key}: pix requests carry {@code failing}. */
  private static SpanFixture shopSlicedBy(String key, String failing, String... others) throws Exception {
    SpanFixture fx = new SpanFixture().shop(900, 6, 600, 11);
    try (Statement st = fx.connection.createStatement()) {
      st.execute("ALTER TABLE spans ADD COLUMN \"" + key + "\" VARCHAR");
      StringBuilder pick = new StringBuilder("CASE hash(trace_id) % " + others.length);
      for (int i = 0; i < others.length; i++) {
        pick.append(" WHEN ").append(i).append(" THEN '").append(others[i]).append('\'');
      }
      pick.append(" END");
      st.execute("UPDATE spans SET \"" + key + "\" = CASE WHEN payment_method = 'pix' THEN '" + failing + "' ELSE "
          + pick + " END");
      st.execute("ALTER TABLE spans DROP COLUMN payment_method");
    }
    return fx;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tenant.id", "org_id", "customer.account", "url.query", "server.address", "item.count"})
  void findsTheCohortWhateverTheKeyIsCalled(String key) throws Exception {
    try (var fx = shopSlicedBy(key, "acme", "globex", "initech", "umbrella")) {
      Investigation inv = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS)
          .investigate(new Question(CHECKOUT, SignalSpec.ERRORS, T0, T0.plusSeconds(900)));
      assertThat(inv.symptom().cohorts()).as(inv.notes().toString()).first()
          .satisfies(c -> assertThat(c.attributes()).isEqualTo(Map.of(key, "acme")));
    }
  }

  @Test
  void findsTheOneFailingValueOfAHighCardinalityAttribute() throws Exception {
    String[] customers = new String[300];
    for (int i = 0; i < customers.length; i++) {
      customers[i] = "c-" + i;
    }
    try (var fx = shopSlicedBy("customer.id", "c-acme", customers)) {
      Investigation inv = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS)
          .investigate(new Question(CHECKOUT, SignalSpec.ERRORS, T0, T0.plusSeconds(900)));
      assertThat(inv.symptom().cohorts()).as(inv.notes().toString()).first()
          .satisfies(c -> assertThat(c.attributes()).isEqualTo(Map.of("customer.id", "c-acme")));
    }
  }

  @Test
  void listsTheAttributesItDidNotConsiderAndWhy() throws Exception {
    try (var fx = shopSlicedBy("tenant.id", "acme", "globex", "initech", "umbrella");
        Statement st = fx.connection.createStatement()) {
      st.execute("ALTER TABLE spans ADD COLUMN \"request.uuid\" VARCHAR");
      st.execute("UPDATE spans SET \"request.uuid\" = CAST(span_id AS VARCHAR)");
      st.execute("ALTER TABLE spans ADD COLUMN \"host.name\" VARCHAR");
      st.execute("UPDATE spans SET \"host.name\" = 'web-1'");
      Investigation inv = new InvestigationEngine(new DuckDbTelemetryReader(fx.connection), InvestigationEngine.Settings.DEFAULTS)
          .investigate(new Question(CHECKOUT, SignalSpec.ERRORS, T0, T0.plusSeconds(900)));
      String note = inv.notes().stream().filter(n -> n.startsWith(CohortFinder.NOT_CONSIDERED)).findFirst().orElseThrow();
      assertThat(note).contains("request.uuid (a distinct value on most requests", "host.name (one value on every request",
          "enduser.id (~");
      assertThat(InvestigationReport.render(inv)).contains("not considered: ");
    }
  }
}
