package io.casefile.investigation;

import io.casefile.model.JsonCodec;
import io.casefile.model.Severity;
import io.casefile.model.Confidence;
import io.casefile.model.Onset;
import io.casefile.model.Reason;
import io.casefile.model.Suspect;
import io.casefile.model.SignalSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

  static Investigation sample() {
    Question q = new Question(Flow.parse("checkout:POST /checkout"), SignalSpec.ERRORS, T0, T0.plusSeconds(1800));
    ChangeEvent deploy = new ChangeEvent("c1", ChangeType.DEPLOY, T0.plusSeconds(108), "payments",
        "deploy payments 2.31.0", "2.31.0", "2.30.4", "prod", null, Map.of("region", "eu-west"), null, "ci", "api");
    Symptom s = new Symptom(
        new Flow("checkout", "POST /checkout"),
        new Onset(T0.plusSeconds(130), T0.plusSeconds(120), T0.plusSeconds(140)),
        new Window(T0.plusSeconds(130), T0.plusSeconds(1800), 12683, 2310, 0.182, "ratio"),
        new Window(T0, T0.plusSeconds(130), 5000, 20, 0.004, "ratio"),
        null,
        List.of(new SignatureEntry("status_code", "500", 2290, 3, false, "e2")),
        List.of(new Cohort(Map.of("payment_method", "pix"), 0.94, 3000, 2130, 0.71, 0.003, "e3")),
        new Severity("SEV2", 2310, 190, 0.07, 1800L, 36.4, 0.999, "e4"),
        "e1");
    Suspect sus = new Suspect(deploy, 0.93, Confidence.STRONG,
        List.of(new Reason("time", "22 s before onset")), List.of("e5"));
    Signal sig = new Signal("error_origin", "payments", "POST /pix/authorize", "pix-gateway", 0.97,
        "errors originate in payments", Map.of("traces", 100), "e7");
    return new Investigation(q, true, s, List.of(sus), false, List.of(sig),
        List.of(new Evidence("e1", "error rate rose", Map.of("observed", 0.182, "baseline", 0.004), "SELECT 1")),
        List.of());
  }

  @Test
  void roundTripsThroughSnakeCaseJson() throws Exception {
    var mapper = JsonCodec.mapper();
    Investigation inv = sample();
    String json = mapper.writeValueAsString(inv);
    JsonNode tree = mapper.readTree(json);
    assertThat(tree.at("/question/flow").asText()).isEqualTo("checkout:POST /checkout");
    assertThat(tree.at("/question/signal").asText()).isEqualTo("errors");
    assertThat(tree.at("/question/from").asText()).isEqualTo("2026-03-01T14:00:00Z");
    assertThat(tree.at("/symptom/cohorts/0/share_of_excess").asDouble()).isEqualTo(0.94);
    assertThat(tree.at("/symptom/severity/affected_requests").asLong()).isEqualTo(2310);
    assertThat(tree.at("/symptom/signature/0/baseline_count").asLong()).isEqualTo(3);
    assertThat(tree.at("/suspects/0/change/type").asText()).isEqualTo("deploy");
    assertThat(tree.at("/suspects/0/change/previous_version").asText()).isEqualTo("2.30.4");
    assertThat(tree.at("/suspects/0/confidence").asText()).isEqualTo("strong");
    assertThat(tree.at("/signals/0/peer").asText()).isEqualTo("pix-gateway");
    Investigation back = mapper.readValue(json, Investigation.class);
    assertThat(back).isEqualTo(inv);
  }

  @Test
  void readsAQuestionWithoutFlowAsTheWholeEnvironment() throws Exception {
    Question q = JsonCodec.mapper().readValue(
        "{\"signal\":\"latency:p99\",\"from\":\"2026-03-01T14:00:00Z\",\"to\":\"2026-03-01T15:00:00Z\"}",
        Question.class);
    assertThat(q.wholeEnvironment()).isTrue();
    assertThat(q.signal()).isEqualTo(SignalSpec.latency(0.99));
    assertThat(q.signal().toString()).isEqualTo("latency:p99");
  }

  @Test
  void rejectsABadSignalNamingIt() {
    assertThatThrownBy(() -> SignalSpec.parse("latency:p101"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency:p101");
    assertThatThrownBy(() -> SignalSpec.parse("bogus"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bogus");
  }

  @Test
  void everyAcceptedSignalRoundTripsThroughItsText() {
    assertThatThrownBy(() -> SignalSpec.parse("latency:p99.9999999"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 3 decimals");
    assertThatThrownBy(() -> SignalSpec.parse("latency:pNaN")).isInstanceOf(IllegalArgumentException.class);
    assertThat(SignalSpec.parse("latency:p100").quantile()).isEqualTo(1.0);
    for (String s : new String[] {"latency:p100", "latency:p99.999", "latency:p50", "latency:p0.1", "errors", "throughput"}) {
      assertThat(SignalSpec.parse(SignalSpec.parse(s).toString())).as(s).isEqualTo(SignalSpec.parse(s));
      assertThat(SignalSpec.parse(s).toString()).isEqualTo(s);
    }
  }

  @Test
  void anInvestigationWithoutAnomalyCarriesNoSymptom() {
    Question q = new Question(null, SignalSpec.ERRORS, T0, T0.plusSeconds(60));
    Investigation none = Investigation.noAnomaly(q, List.of(), List.of("error rate stable"));
    assertThat(none.anomaly()).isFalse();
    assertThat(none.symptom()).isNull();
    assertThatThrownBy(() -> new Investigation(q, true, null, List.of(), false, List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
