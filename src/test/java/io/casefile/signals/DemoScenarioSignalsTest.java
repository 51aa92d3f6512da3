package io.casefile.signals;

import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.model.SignalRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.traces.Component;
import io.casefile.demo.GroundTruth;
import io.casefile.demo.Payload;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioSink;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.ingest.IngestLimits;
import io.casefile.ingest.OtlpDecoder;
import io.casefile.ingest.OtlpSignal;
import io.casefile.model.ChangeEvent;
import io.casefile.model.TimeRange;
import io.casefile.store.DuckDbStore;
import io.casefile.store.TelemetryBatch;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Demo scenarios (one of each kind of fault: failures raised in a service, failures of an external
 * peer, slow peer calls), simulated small and stored through the OTLP decoder: the trace signal for
 * the scenario's signal (error origin for errors, latency attribution for latency) on the first
 * affected flow names the faulty service of the ground truth first, and its external peer when the
 * fault is in one. (The truth's operation belongs to one of the affected flows; the first flow may
 * reach the faulty service through another of its routes.)
 */
class DemoScenarioSignalsTest {
  private static final Instant START = Instant.parse("2026-03-02T11:00:00Z");

  /** Decodes each OTLP payload and writes it to the store in groups. */
  private static final class StoreSink implements ScenarioSink {
    private final DuckDbStore store;
    private final OtlpDecoder decoder;
    private final List<TelemetryBatch> pending = new ArrayList<>();

    StoreSink(DuckDbStore store, Instant now) {
      this.store = store;
      this.decoder = new OtlpDecoder(IngestLimits.DEFAULT, InstantSource.fixed(now));
    }

    @Override
    public void change(ChangeEvent change) {}

    @Override
    public void payload(Payload p) {
      OtlpSignal signal = OtlpSignal.valueOf(p.signal().toUpperCase(Locale.ROOT));
      pending.add(decoder.protobuf(signal, p.body()).batch());
      if (pending.size() >= 64) {
        flush();
      }
    }

    void flush() {
      if (!pending.isEmpty()) {
        store.write(List.copyOf(pending), Instant.parse("2026-03-02T12:00:00Z"));
        pending.clear();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Scenario.class,
      names = {"BAD_DEPLOY", "FLAG_ROLLOUT", "THIRD_PARTY_OUTAGE"})
  void theTraceSignalNamesTheFaultyComponentFirst(Scenario scenario) throws Exception {
    SimulationOptions o = new SimulationOptions(7, START, Duration.ofMinutes(6), Duration.ofMinutes(6), 3);
    try (DuckDbStore store = DuckDbStore.inMemory(); Connection db = store.connection()) {
      StoreSink sink = new StoreSink(store, o.end());
      GroundTruth truth = ShopSimulation.run(scenario, o, sink);
      sink.flush();
      SignalRequest req = new SignalRequest(truth.affectedFlows().get(0),
          new TimeRange(truth.onset(), truth.dataEnd()), new TimeRange(truth.dataStart(), truth.onset()),
          List.of(), SignalRequest.DEFAULT_MAX_TRACES);

      List<Component> named = truth.signal().equals("errors")
          ? new ErrorOriginSignal().analyse(new DuckDbTelemetryReader(db), req).value().origins().stream().map(x -> x.component()).toList()
          : new LatencySignal().analyse(new DuckDbTelemetryReader(db), req).value().growth().stream().map(x -> x.component()).toList();

      assertThat(named).as("%s on %s", truth.signal(), req.flow()).isNotEmpty();
      GroundTruth.Component expected = truth.errorPath();
      Component top = named.get(0);
      assertThat(top.service()).as(top.label()).isEqualTo(expected.service());
      assertThat(top.peer()).as(top.label()).isEqualTo(expected.peer());
    }
  }
}
