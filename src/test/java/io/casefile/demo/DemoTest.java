package io.casefile.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @Test
  void theBadDeployDemoNamesTheFaultyPaymentsChangeFirst(@TempDir Path tmp) throws IOException {
    var buffer = new ByteArrayOutputStream();
    var out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    // the size of a short demo: 20 minutes of baseline, 10 of incident, 6 requests/s
    var timeline = new SimulationOptions(7, Instant.parse("2026-11-27T20:00:00Z"), Duration.ofMinutes(20),
        Duration.ofMinutes(10), 6);
    var options = new Demo.Options(List.of(Scenario.BAD_DEPLOY), timeline, 0, tmp.resolve("data"), 0, 0);

    List<Demo.Outcome> outcomes = new Demo(options, out, out).run(false);

    String text = buffer.toString(StandardCharsets.UTF_8);
    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.causeNamed()).as(text).isTrue();
      assertThat(o.investigation().suspects().getFirst().change().id()).isEqualTo("chg-bad-deploy-payments-2.31.0");
    });
    assertThat(text).contains("SUSPECTS  1. deploy payments", "2.31.0");
    assertThat(text).as("no workbench address for a server that is closed").doesNotContain("Workbench:");
  }
}
