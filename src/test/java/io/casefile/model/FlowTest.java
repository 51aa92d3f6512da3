package io.casefile.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlowTest {
  @Test
  void parsesServiceAndOperationWithColonsInTheOperation() {
    Flow f = Flow.parse("checkout:POST /checkout:confirm");
    assertThat(f.service()).isEqualTo("checkout");
    assertThat(f.operation()).isEqualTo("POST /checkout:confirm");
  }

  @Test
  void rejectsMissingOperationNamingTheInput() {
    assertThatThrownBy(() -> Flow.parse("checkout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkout");
  }
}
