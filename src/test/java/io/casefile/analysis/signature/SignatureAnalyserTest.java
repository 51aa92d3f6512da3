package io.casefile.analysis.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureAnalyserTest {
  @Test
  void keepsNewAndClearlyIncreasedValuesLargestExcessFirst() {
    List<SignatureShift> s = new SignatureAnalyser().analyse(List.of(
        new SignatureCount("status_code", "500", 30, 2_300),
        new SignatureCount("exception.type", "PaymentGatewayTimeout", 0, 2_280),
        new SignatureCount("status_code", "503", 20, 22),
        new SignatureCount("error.type", "rare", 0, 1)), 10_000, 10_000);
    assertThat(s).extracting(x -> x.count().value()).containsExactly("PaymentGatewayTimeout", "500");
    assertThat(s.get(0).isNew()).isTrue();
  }

  @Test
  void reportsNothingWhenTheMixIsUnchanged() {
    assertThat(new SignatureAnalyser().analyse(List.of(
        new SignatureCount("status_code", "500", 50, 52),
        new SignatureCount("error.type", "java.io.IOException", 10, 9)), 10_000, 10_000)).isEmpty();
  }

  @Test
  void scalesTheBaselineByTraffic() {
    // twice the traffic, twice the errors: not an increase
    assertThat(new SignatureAnalyser().analyse(List.of(new SignatureCount("status_code", "500", 50, 100)),
        10_000, 20_000)).isEmpty();
  }
}
