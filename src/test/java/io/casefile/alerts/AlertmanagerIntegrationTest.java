package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.demo.GroundTruth;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.incident.Casefile;
import io.casefile.incident.EntryBody;
import io.casefile.incident.IncidentStatus;
import io.casefile.investigation.Investigation;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import io.casefile.server.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) routes alerts about the demo's
 * bad deploy to Casefile's receiver: one incident per alert group, investigated with the flow from
 * the labels; its repeats and a Casefile restart add nothing; a resolved alert is recorded and leaves
 * the incident open.
 */
class AlertmanagerIntegrationTest {
  static final String ALERTS_TOKEN = "alerts-token-0123456789";
  static final String INGEST_TOKEN = "ingest-token-0123456789";

  @Test
  void alertGroupsFromAlertmanagerOpenOneInvestigatedIncidentEachWithoutDuplicates(@TempDir Path tmp) throws Exception {
    assumeTrue(RealAlertmanager.available(), "Alertmanager is not installed at " + RealAlertmanager.BINARY
        + " (apt-get install prometheus-alertmanager); skipping the real Alertmanager test");
    var options = new SimulationOptions(7, Instant.parse("2026-11-27T20:00:00Z"), Duration.ofMinutes(20),
        Duration.ofMinutes(6), 6);
    ServerConfig config = ServerConfig.ephemeral(tmp.resolve("casefile")).withRetention(null)
        .withTokens(Tokens.parse(List.of(ALERTS_TOKEN + " alerts", INGEST_TOKEN + " ingest"), "test tokens")).withClock(InstantSource.fixed(options.end()));
    AlertSettings settings = AlertSettings.DEFAULTS.withEvaluationInterval(null);
    CasefileServer server = CasefileServer.start(config, settings);
    GroundTruth truth;
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), INGEST_TOKEN, 4)) {
      truth = ShopSimulation.run(Scenario.BAD_DEPLOY, options, replayer);
    } catch (RuntimeException | java.io.IOException e) {
      server.close();
      throw e;
    }
    int apiPort = server.apiPort();
    Instant firing = truth.onset().plusSeconds(60);
    try (var am = new RealAlertmanager(tmp.resolve("am"), server.apiUri().resolve("/api/v1/alerts/alertmanager"),
        ALERTS_TOKEN, "2s")) {
      // group 1: two alerts (two instances) of checkout errors at the edge; group 2: payments errors
      am.post(alerts(firing, null));
      CasefileServer first = server;
      await(() -> first.incidents().list().size() == 2
          && first.incidents().list().stream().allMatch(c -> facts(c, "alert").size() >= 1), "two incidents");
      await(() -> facts(byService(first, "frontend"), "alert").size() == 2, "both checkout alerts in one incident");

      Casefile checkout = byService(server, "frontend");
      Casefile payments = byService(server, "payments");
      Investigation ci = server.incidents().investigation(checkout.incident().id()).orElseThrow();
      Investigation pi = server.incidents().investigation(payments.incident().id()).orElseThrow();
      assertThat(ci.question().flow().toString()).isEqualTo("frontend:POST /checkout");
      assertThat(pi.question().flow().toString()).isEqualTo("payments:POST /payments/authorize");
      assertThat(ci.suspects().getFirst().change().id()).isEqualTo(truth.causalChangeId());
      assertThat(pi.suspects().getFirst().change().id()).isEqualTo(truth.causalChangeId());
      assertThat(facts(checkout, "alert")).anySatisfy(f -> assertThat(f).startsWith("trigger: alertmanager alert CheckoutErrors"));

      // Alertmanager repeats every 2 s; a restarted Casefile on the same data keeps deduplicating
      int checkoutEntries = checkout.entries().size();
      long sent = am.notificationsSent();
      await(() -> notifications(am) >= sent + 2, "repeated notifications");
      server.close();
      server = CasefileServer.start(config.withPorts(0, apiPort), settings);
      long afterRestart = am.notificationsSent();
      await(() -> notifications(am) >= afterRestart + 2, "notifications after the restart");
      assertThat(server.incidents().list()).hasSize(2);
      assertThat(byService(server, "frontend").entries()).hasSize(checkoutEntries);

      // the payments alert resolves: a fact, a suggestion, and the incident stays open
      am.post(alerts(firing, options.end()));
      CasefileServer s = server;
      await(() -> facts(byService(s, "payments"), "alert").stream().anyMatch(f -> f.startsWith("alert resolved"))
          && !byService(s, "payments").bodies(EntryBody.Note.class).isEmpty(), "the resolved fact and the suggestion");
      Casefile resolved = byService(server, "payments");
      assertThat(resolved.status()).isEqualTo(IncidentStatus.INVESTIGATING);
      assertThat(resolved.bodies(EntryBody.Note.class)).anySatisfy(n -> assertThat(n.text())
          .contains("consider moving the incident to monitoring"));
      assertThat(server.incidents().list()).hasSize(2);
    } finally {
      server.close();
    }
  }

  /** The two groups' alerts; {@code endsAt} null keeps them firing, else only the payments alert ends then. */
  static String alerts(Instant startsAt, Instant paymentsEnd) {
    String ends = paymentsEnd == null ? "" : ", \"endsAt\": \"" + paymentsEnd + "\"";
    String checkout = """
        {"labels": {"alertname": "CheckoutErrors", "service_name": "frontend", "http_route": "/checkout",
                    "instance": "%s", "severity": "page"},
         "annotations": {"summary": "checkout 5xx above 2%%"}, "startsAt": "%s",
         "generatorURL": "http://prometheus:9090/graph?g0.expr=sum%%28rate%%28http_server_errors_total%%5B5m%%5D%%29%%29"}""";
    String payments = """
        {"labels": {"alertname": "PaymentsAuthorizeFailing", "service_name": "payments", "severity": "page"},
         "annotations": {"summary": "payment authorizations failing"}, "startsAt": "%s"%s}""".formatted(startsAt, ends);
    if (paymentsEnd != null) {
      return "[" + payments + "]";
    }
    return "[" + checkout.formatted("frontend-1", startsAt) + ", " + checkout.formatted("frontend-2", startsAt)
        + ", " + payments + "]";
  }

  static Casefile byService(CasefileServer server, String service) {
    return server.incidents().list().stream().filter(c -> facts(c, "alert").stream()
        .anyMatch(f -> f.startsWith("trigger:") && f.contains("service_name=\"" + service + "\""))).findFirst()
        .orElseThrow(() -> new AssertionError("no incident for " + service + ": " + server.incidents().list()));
  }

  static List<String> facts(Casefile c, String source) {
    return c.bodies(EntryBody.Fact.class).stream().filter(f -> source.equals(f.source())).map(EntryBody.Fact::statement)
        .toList();
  }

  static long notifications(RealAlertmanager am) {
    try {
      return am.notificationsSent();
    } catch (Exception e) {
      return -1;
    }
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
