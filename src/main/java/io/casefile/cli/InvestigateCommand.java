package io.casefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.InvestigationReport;
import io.casefile.model.Flow;
import io.casefile.model.JsonCodec;
import io.casefile.model.SignalSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "investigate", description = "Investigate a flow (or the whole environment) on the running server.")
final class InvestigateCommand implements Callable<Integer> {
  @Option(names = "--flow", description = "SERVICE:OPERATION, e.g. 'checkout:POST /checkout'; default: the whole environment.")
  String flow;

  @Option(names = "--signal", defaultValue = "errors", description = "errors | latency:pNN (e.g. latency:p99) | throughput.")
  String signal;

  @Option(names = "--from", description = "Start of the range (RFC 3339).")
  String from;

  @Option(names = "--to", description = "End of the range (RFC 3339); default: now.")
  String to;

  @Option(names = "--last", description = "Length of the range ending at --to or now: 90s, 15m, 1h, 2d (default 1h).")
  String last;

  @Option(names = "--baseline-from", description = "Start of a known-good window to compare with (RFC 3339); default: the time before the onset.")
  String baselineFrom;

  @Option(names = "--baseline-to", description = "End of the known-good window (RFC 3339); needs --baseline-from.")
  String baselineTo;

  @Mixin ServerOptions conn;

  @Option(names = "--source", paramLabel = "prometheus=URL",
      description = "Investigate request metrics in a Prometheus-compatible backend (Prometheus, Thanos, Mimir, "
          + "VictoriaMetrics) in-process, without a Casefile server (docs/prometheus.md).")
  String source;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "With --source: JSON mapping of metric and label names (default: the spanmetrics connector's).")
  Path mapping;

  @Option(names = "--data", paramLabel = "DIR",
      description = "With --source: a Casefile data directory whose recorded change events become suspects.")
  Path data;

  @Override
  public Integer call() throws Exception {
    ObjectNode q = JsonCodec.mapper().createObjectNode();
    if (flow != null) {
      q.put("flow", Flow.parse(flow).toString());
    }
    q.put("signal", SignalSpec.parse(signal).toString());
    if (from != null) {
      if (last != null) {
        throw new IllegalArgumentException("give either --last or --from/--to, not both");
      }
      q.put("from", time("--from", from));
      if (to == null) {
        throw new IllegalArgumentException("--from needs --to (or use --last)");
      }
      q.put("to", time("--to", to));
    } else {
      q.put("last", last == null ? "1h" : last);
      if (to != null) {
        q.put("to", time("--to", to));
      }
    }
    if ((baselineFrom == null) != (baselineTo == null)) {
      throw new IllegalArgumentException("give both --baseline-from and --baseline-to, or neither");
    }
    if (baselineFrom != null) {
      q.putObject("baseline").put("from", time("--baseline-from", baselineFrom)).put("to", time("--baseline-to", baselineTo));
    }
    if (source != null) {
      print(SourceInvestigation.run(source, mapping, data, q));
      return 0;
    }
    if (mapping != null || data != null) {
      throw new IllegalArgumentException("--mapping and --data go with --source; without it the server answers");
    }
    JsonNode answer = conn.client().post("/api/v1/investigations", q);
    if (conn.json) {
      System.out.println(answer);
    } else {
      print(JsonCodec.mapper().treeToValue(answer, Investigation.class));
    }
    return 0;
  }

  private void print(Investigation inv) throws IOException {
    var advice = new io.casefile.incident.ContainmentAdvisor(java.time.InstantSource.system()).advise(inv);
    if (conn.json) {
      ObjectNode body = JsonCodec.mapper().valueToTree(inv);
      body.set("containment", JsonCodec.mapper().valueToTree(advice));
      System.out.println(JsonCodec.mapper().writeValueAsString(body));
    } else {
      System.out.print(InvestigationReport.render(inv, advice.reportLines()));
    }
  }

  private static String time(String option, String value) {
    try {
      return OffsetDateTime.parse(value.trim()).toInstant().toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be an RFC 3339 time like 2026-01-02T15:04:05Z, got: " + value);
    }
  }
}
