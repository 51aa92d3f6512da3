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

  @Test
  void aServiceWithAColonRoundTripsThroughItsText() {
    for (Flow f : new Flow[] {new Flow("my:svc", "GET /a:b"), new Flow("a\\b", "op"), new Flow("x\\:y", "o:p"),
        new Flow("checkout", "POST /checkout")}) {
      assertThat(Flow.parse(f.toString())).isEqualTo(f);
    }
    assertThat(new Flow("my:svc", "GET /x").toString()).isEqualTo("my\\:svc:GET /x");
    assertThat(Flow.parse("checkout:POST /checkout").toString()).isEqualTo("checkout:POST /checkout");
    assertThat(Flow.parse("a\\b:op").service()).isEqualTo("a\\b"); // a backslash before anything else is kept
  }
}
