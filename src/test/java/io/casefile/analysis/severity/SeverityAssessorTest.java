package io.casefile.analysis.severity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casefile.model.Severity;
import org.junit.jupiter.api.Test;

class SeverityAssessorTest {
  @Test
  void measuresRateShareAndBurnAndMapsThemToALevel() {
    Severity s = new SeverityAssessor().assess(2_310, 33_000, 12, 1_800L, "e4");
    assertThat(s.perMinute()).isCloseTo(192.5, org.assertj.core.data.Offset.offset(0.01));
    assertThat(s.trafficShare()).isCloseTo(0.07, org.assertj.core.data.Offset.offset(0.001));
    assertThat(s.burnRate()).isCloseTo(70, org.assertj.core.data.Offset.offset(0.1));
    assertThat(s.level()).isEqualTo("SEV2");
    assertThat(s.users()).isEqualTo(1_800L);
  }

  @Test
  void aTrickleOfErrorsIsTheLowestLevel() {
    Severity s = new SeverityAssessor().assess(3, 100_000, 10, null, null);
    assertThat(s.level()).isEqualTo("SEV4");
    assertThat(s.users()).isNull();
  }

  @Test
  void followsAConfiguredPolicyAndObjective() {
    SeverityAssessor a = new SeverityAssessor(0.99, SeverityPolicy.parse("P1: share>=0.5; P2: burn>=2; P3"));
    assertThat(a.assess(600, 1000, 1, null, null).level()).isEqualTo("P1");
    assertThat(a.assess(30, 1000, 1, null, null).level()).isEqualTo("P2");
    assertThat(a.assess(1, 1000, 1, null, null).level()).isEqualTo("P3");
  }

  @Test
  void rejectsABadPolicyNamingThePart() {
    assertThatThrownBy(() -> SeverityPolicy.parse("SEV1: burn>=x; SEV2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burn>=x");
    assertThatThrownBy(() -> SeverityPolicy.parse("SEV1: speed>=3; SEV2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed");
    assertThatThrownBy(() -> SeverityPolicy.parse("SEV1: burn>=3"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last level");
    assertThatThrownBy(() -> new SeverityAssessor(1.5, SeverityPolicy.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
  }
}
