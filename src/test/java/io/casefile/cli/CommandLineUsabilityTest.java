package io.casefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CommandLineUsabilityTest {

  @ParameterizedTest
  @ValueSource(strings = {"serve", "demo", "investigate", "incident", "incident action", "bench", "bench ingest",
      "bench investigate", "eval", "simulate", "drill", "drill start", "drill end", "drill report", "drill list"})
  void everyCommandAnswersHelpWithExitZero(String command) {
    String[] args = (command + " --help").split(" ");
    PrintStream old = System.out;
    var buffer = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      code = Main.run(args);
    } finally {
      System.setOut(old);
    }
    assertThat(code).isZero();
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Usage:").contains("--help");
  }

  @Test
  void investigateHonoursTheServerAndTokenEnvironmentLikeIncident() {
    var investigate = new CommandLine(new InvestigateCommand()).setInterpolateVariables(false).getCommandSpec();
    assertThat(investigate.findOption("--server").defaultValue()).contains("${env:CASEFILE_SERVER");
    assertThat(investigate.findOption("--token")).as("investigate takes --token").isNotNull();
    assertThat(investigate.findOption("--token").defaultValue()).contains("${env:CASEFILE_TOKEN");
  }

  @Test
  void incidentTakesATokenFile(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("token");
    Files.writeString(file, "\n  s3cret read,admin\n");
    assertThat(ServerOptions.bearer(null, file)).isEqualTo("s3cret");
    assertThat(ServerOptions.bearer("direct", null)).isEqualTo("direct");
    assertThat(new CommandLine(new IncidentCommand.Show()).getCommandSpec().findOption("--token-file")).isNotNull();
    assertThatThrownBy(() -> ServerOptions.bearer(null, tmp.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--token-file");
  }

  @Test
  void actionWindowTakesTheSameDurationsAsLast() {
    assertThat(IncidentCommand.isoWindow("5m")).isEqualTo("PT5M");
    assertThat(IncidentCommand.isoWindow("90s")).isEqualTo("PT1M30S");
    assertThat(IncidentCommand.isoWindow("PT5M")).isEqualTo("PT5M");
    assertThatThrownBy(() -> IncidentCommand.isoWindow("five")).hasMessageContaining("'five'");
  }

  @Test
  void aPortInUseIsAMessageNotAStackTrace(@TempDir Path tmp) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      PrintStream old = System.err;
      var buffer = new ByteArrayOutputStream();
      int code;
      try {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        code = Main.run("serve", "--data", tmp.resolve("d").toString(), "--otlp-port", "0",
            "--port", Integer.toString(taken.getLocalPort()));
      } finally {
        System.setErr(old);
      }
      String err = buffer.toString(StandardCharsets.UTF_8);
      assertThat(code).as(err).isEqualTo(2);
      assertThat(err).contains("already in use").contains("--port").doesNotContain("\tat ");
    }
  }
}
