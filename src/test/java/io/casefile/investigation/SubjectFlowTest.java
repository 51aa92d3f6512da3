package io.casefile.investigation;

import io.casefile.store.TelemetryReader;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.onset.BucketSeries;
import io.casefile.store.TelemetryReader.FlowSeries;
import io.casefile.model.Flow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubjectFlowTest {
  private static final BucketSeries EMPTY =
      new BucketSeries(Instant.parse("2026-03-01T14:00:00Z"), Duration.ofSeconds(10), new long[1], new long[1], null);
  private static final FlowSeries ORDERS = new FlowSeries(new Flow("shop", "POST /api/orders"), true, EMPTY);
  private static final FlowSeries STOCK = new FlowSeries(new Flow("stock", "GET /internal/stock"), false, EMPTY);

  @Test
  void withEqualExcessTheEntryFlowUsersCallIsTheSubject() {
    assertThat(InvestigationEngine.worse(ORDERS, 400, STOCK, 400)).isTrue();
    assertThat(InvestigationEngine.worse(STOCK, 400, ORDERS, 400)).isFalse();
    // within one standard error (sqrt 400 = 20) is still a tie
    assertThat(InvestigationEngine.worse(STOCK, 415, ORDERS, 400)).isFalse();
    assertThat(InvestigationEngine.worse(ORDERS, 385, STOCK, 400)).isTrue();
  }

  @Test
  void aClearlyLargerExcessWinsWhateverTheFlowKind() {
    assertThat(InvestigationEngine.worse(STOCK, 900, ORDERS, 400)).isTrue();
    assertThat(InvestigationEngine.worse(ORDERS, 100, STOCK, 400)).isFalse();
    assertThat(InvestigationEngine.worse(STOCK, 1, null, 0)).isTrue();
    assertThat(InvestigationEngine.worse(STOCK, 0, null, 0)).isFalse();
  }
}
