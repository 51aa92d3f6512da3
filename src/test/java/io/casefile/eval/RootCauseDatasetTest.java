package io.casefile.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A few labelled faults of the public microservice datasets, where present, replayed through the
 * OTLP receiver and asked with no flow and no signal: the injected service is ranked near the top.
 * The full evaluations are the {@code casefile eval --dataset nezha|rcd-sockshop} commands.
 */
class RootCauseDatasetTest {

  /** The first fault of this system and type in this service; skips the test when the dataset is absent. */
  private static NezhaFault fault(String system, String type, String service) throws Exception {
    Path data = Datasets.folder().resolve("nezha-dev");
    assumeTrue(Files.isDirectory(data.resolve("rca_data")), "dataset absent: " + data);
    return NezhaEvaluation.faults(data).stream()
        .filter(f -> f.system().equals(system) && f.type().equals(type) && f.service().equals(service))
        .findFirst().orElseThrow();
  }

  private static NezhaFault onlineBoutique(String type, String service) throws Exception {
    return fault("OB", type, service);
  }

  @Test
  void aCpuFaultInOnlineBoutiqueNamesTheInjectedServiceFirst() throws Exception {
    NezhaFault fault = onlineBoutique("cpu_contention", "paymentservice");

    NezhaCase c = NezhaCase.run(fault);

    assertThat(c.rank()).isEqualTo(1);
    assertThat(c.answer().path("root_causes").get(0).path("reasons")).isNotEmpty();
    assertThat(c.answer().path("evidence").toString()).contains("SELECT");
  }

  @Test
  void aNetworkDelayInOnlineBoutiqueNamesTheDelayedServiceNotItsCallers() throws Exception {
    NezhaFault fault = onlineBoutique("network_delay", "shippingservice");

    assertThat(NezhaCase.run(fault).rank()).isEqualTo(1);
  }

  @Test
  void anExceptionInOnlineBoutiqueSeenOnlyAsRequestsCutShortNamesTheServiceTheyStoppedAfter() throws Exception {
    // no span status and no log line: the frontend's requests just end after the catalog answers
    NezhaFault fault = onlineBoutique("exception", "productcatalogservice");

    NezhaCase c = NezhaCase.run(fault);

    assertThat(c.rank()).isEqualTo(1);
    assertThat(c.answer().path("root_causes").get(0).path("kind").asText()).isEqualTo("errors");
    assertThat(c.answer().path("root_causes").get(0).path("reasons").get(0).path("text").asText())
        .contains("requests stop after calling it");
  }

  @Test
  void anExceptionInTrainTicketIsNamedByWhatTheRequestsThatRanTheServiceNoLongerLog() throws Exception {
    // no span status; the price service's spans keep their shape: its requests stop logging a step
    NezhaFault fault = fault("TT", "exception", "ts-price-service");

    NezhaCase c = NezhaCase.run(fault);

    assertThat(c.rank()).isEqualTo(1);
    assertThat(c.answer().path("root_causes").get(0).path("kind").asText()).isEqualTo("logs");
    assertThat(c.answer().path("root_causes").get(0).path("reasons").toString()).contains("0 of the", "that ran it");
  }

  @Test
  void aSockShopCpuHogIsInTheTopThreeFromMetricsAlone() throws Exception {
    Path data = Datasets.folder().resolve("rcd-sockshop");
    assumeTrue(Files.isDirectory(data), "dataset absent: " + data);
    RcdSockshopEvaluation.Case c = RcdSockshopEvaluation.cases(data).stream()
        .filter(x -> x.service().equals("orders") && x.fault().equals("cpu")).findFirst().orElseThrow();

    int rank = RcdSockshopEvaluation.run(c).rank();

    assertThat(rank).isBetween(1, 3);
  }
}
