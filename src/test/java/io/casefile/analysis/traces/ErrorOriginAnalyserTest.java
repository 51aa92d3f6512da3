package io.casefile.analysis.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorOriginAnalyserTest {
  private static final Component GATEWAY = new Component("payments", "POST", "pix-gateway");
  private static final Component STOCK = new Component("inventory", "GET /stock", null);

  @Test
  void namesTheOriginThatExplainsTheNewFailuresWithItsShareAndBaseline() {
    OriginTally baseline = new OriginTally(10_000, 40, 40, Map.of(STOCK, 30L, GATEWAY, 10L), Map.of());
    // 2,000 failed traces, 500 examined: 450 end at the gateway
    OriginTally incident = new OriginTally(10_000, 2_000, 500, Map.of(GATEWAY, 450L, STOCK, 50L), Map.of());

    var origins = new ErrorOriginAnalyser().analyse(incident, baseline);

    assertThat(origins).hasSize(2);
    ErrorOrigin top = origins.get(0);
    assertThat(top.component()).isEqualTo(GATEWAY);
    assertThat(top.share()).isEqualTo(0.9);
    assertThat(top.estimatedTraces()).isEqualTo(1_800.0);
    assertThat(top.baselineShare()).isEqualTo(0.25);
    assertThat(top.baselineRate()).isEqualTo(0.001);
    assertThat(top.excess()).isEqualTo(1_790.0);
    assertThat(origins.get(1).component()).isEqualTo(STOCK);
  }

  @Test
  void reportsNothingWhenFailuresHappenAtTheBaselineRate() {
    OriginTally baseline = new OriginTally(10_000, 40, 40, Map.of(STOCK, 30L, GATEWAY, 10L), Map.of());
    OriginTally incident = new OriginTally(10_000, 42, 42, Map.of(STOCK, 31L, GATEWAY, 11L), Map.of());

    assertThat(new ErrorOriginAnalyser().analyse(incident, baseline)).isEmpty();
  }

  @Test
  void reportsNothingWithoutFailedTraces() {
    assertThat(new ErrorOriginAnalyser().analyse(OriginTally.empty(100), OriginTally.empty(100))).isEmpty();
  }

  @Test
  void rejectsMoreOriginsThanSampledTraces() {
    assertThatThrownBy(() -> new OriginTally(10, 5, 2, Map.of(STOCK, 3L), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 traces but only 2");
  }
}
