package io.casefile.demo;

import io.casefile.model.ChangeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScenarioSmokeTest {
  @Test
  void prints() throws Exception {
    for (Scenario sc : Scenario.values()) {
      var payloads = new ArrayList<Payload>();
      var changes = new ArrayList<ChangeEvent>();
      var opts = new SimulationOptions(7, Instant.parse("2026-11-27T12:00:00Z"), Duration.ofMinutes(20),
          Duration.ofMinutes(10), 10);
      long t0 = System.nanoTime();
      GroundTruth truth = ShopSimulation.run(sc, opts, new ScenarioSink() {
        public void change(ChangeEvent c) { changes.add(c); }
        public void payload(Payload p) { payloads.add(p); }
      });
      long gen = (System.nanoTime() - t0) / 1_000_000;
      var reqs = DecodedRequests.of(payloads);
      long bytes = payloads.stream().mapToLong(p -> p.body().length).sum();
      System.out.printf("== %s gen %d ms, %d payloads %d KB, %d server spans, changes %s%n", sc.id(), gen,
          payloads.size(), bytes / 1024, reqs.size(), changes.stream().map(ChangeEvent::id).toList());
      System.out.println(new String(DemoJson.MAPPER.writeValueAsBytes(truth)));
      var stats = new TreeMap<String, long[]>();
      for (var r : reqs) {
        boolean after = !r.start().isBefore(truth.onset());
        String k = r.service() + " " + r.operation() + (after ? " AFTER" : " before");
        long[] s = stats.computeIfAbsent(k, x -> new long[3]);
        s[0]++;
        if (r.error()) s[1]++;
      }
      stats.forEach((k, s) -> System.out.printf("  %-50s %7d req %6d err %6.2f%%%n", k, s[0], s[1], 100.0 * s[1] / s[0]));
      for (var cohort : truth.affectedCohort()) {
        var e = cohort.entrySet().iterator().next();
        long[] b = new long[4];
        for (var r : reqs) {
          if (!r.service().equals(truth.errorPath().service()) || !r.operation().equals(truth.errorPath().operation())) continue;
          if (!e.getValue().equals(r.attr(e.getKey()))) continue;
          int i = r.start().isBefore(truth.onset()) ? 0 : 2;
          b[i]++;
          if (r.error()) b[i + 1]++;
        }
        System.out.printf("  cohort %s at error path: before %d/%d after %d/%d%n", cohort, b[1], b[0], b[3], b[2]);
      }
    }
  }
}
