package io.casefile.store.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.analysis.rootcause.LogRate;
import io.casefile.analysis.rootcause.RankedCause;
import io.casefile.analysis.rootcause.RootCauseInput;
import io.casefile.analysis.rootcause.RootCauseRanker;
import io.casefile.model.TimeRange;
import io.casefile.store.DuckDbStore;
import io.casefile.store.LogRow;
import io.casefile.store.SpanRow;
import io.casefile.store.Sql;
import io.casefile.store.TelemetryBatch;
import io.casefile.store.TelemetryReader.RootCauseData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Log records attached to the spans of their trace: a warning or error that only reports a failure
 * logged deeper in the same trace (by another service) counts where the failure began.
 */
class LogOriginTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration BUCKET = Duration.ofSeconds(10);
  private static final int ERROR = 17;
  private static final int WARN = 13;
  private static final int INFO = 9;

  /** gateway -> orders -> db, one trace per second; {@code logs} adds the records of trace {@code i}. */
  private interface Logs {
    void of(int i, long trace, long orders, long db, Instant at, List<LogRow> out);
  }

  private static RootCauseData read(int seconds, Logs logs) {
    List<SpanRow> spans = new ArrayList<>();
    List<LogRow> rows = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      long trace = 1000 + i;
      long gateway = 10_000 + 3L * i;
      long orders = gateway + 1;
      long db = gateway + 2;
      Instant at = T0.plusSeconds(i);
      spans.add(span(trace, gateway, 0, "gateway", "GET /", at, 30));
      spans.add(span(trace, orders, gateway, "orders", "GET /orders", at.plusMillis(1), 20));
      spans.add(span(trace, db, orders, "db", "SELECT", at.plusMillis(2), 10));
      logs.of(i, trace, orders, db, at.plusMillis(5), rows);
    }
    try (DuckDbStore s = DuckDbStore.inMemory()) {
      s.write(List.of(new TelemetryBatch(spans, rows, List.of())), T0);
      return s.withReader(r -> r.rootCauseData(new TimeRange(T0, T0.plusSeconds(seconds)), BUCKET)).value();
    }
  }

  private static SpanRow span(long trace, long id, long parent, String service, String op, Instant start, long ms) {
    return new SpanRow(1, trace, id, parent, Sql.micros(start), ms * 1000, parent == 0 ? 2 : 1, op, 0, null, service, op,
        parent == 0, false, new String[0], new String[0], 0);
  }

  private static LogRow log(String service, int severity, String body, long trace, long span, Instant at) {
    return new LogRow(Sql.micros(at), Sql.micros(at), severity, null, body, service, trace == 0 ? 0 : 1, trace, span, null, Map.of());
  }

  private static long incident(RootCauseInput in, Predicate<LogRate> which) {
    return in.logs().stream().filter(which).mapToLong(LogRate::incident).sum();
  }

  @Test
  void anErrorLoggedDeeperInTheTraceIsWhereTheFailureBeganNotTheCallerThatReportsIt() {
    // from second 60 on, db fails and logs it; orders, its caller, logs "call to db failed" in the same trace
    RootCauseData d = read(120, (i, trace, orders, db, at, out) -> {
      out.add(log("orders", INFO, "order served", trace, orders, at));
      if (i >= 60) {
        out.add(log("db", ERROR, "deadlock detected", trace, db, at));
        out.add(log("orders", ERROR, "call to db failed", trace, orders, at.plusMillis(1)));
      }
    });
    RootCauseInput in = d.buckets().window(0, 6, 12, BUCKET.toSeconds());

    assertThat(incident(in, l -> l.service().equals("db") && l.template().equals("deadlock detected"))).isEqualTo(60);
    assertThat(incident(in, l -> l.service().equals("orders") && l.severity() >= ERROR)).isZero();
    assertThat(incident(in, l -> l.template().equals("order served"))).isEqualTo(60);
    List<RankedCause> causes = new RootCauseRanker().rank(in).causes();
    assertThat(causes).extracting(RankedCause::service).first().isEqualTo("db");
    assertThat(causes).extracting(RankedCause::service).doesNotContain("orders");
  }

  @Test
  void aRoutineWarningDeeperDoesNotHideTheCallersOwnErrorAndRecordsWithoutATraceCount() {
    RootCauseData d = read(120, (i, trace, orders, db, at, out) -> {
      out.add(log("db", WARN, "slow query", trace, db, at));
      if (i >= 60) {
        out.add(log("orders", ERROR, "order total negative", trace, orders, at.plusMillis(1)));
        out.add(log("orders", ERROR, "reconciliation failed", 0, 0, at.plusMillis(2)));
      }
    });
    RootCauseInput in = d.buckets().window(0, 6, 12, BUCKET.toSeconds());

    assertThat(incident(in, l -> l.template().equals("order total negative"))).isEqualTo(60);
    assertThat(incident(in, l -> l.template().equals("reconciliation failed"))).isEqualTo(60);
    assertThat(new RootCauseRanker().rank(in).causes()).extracting(RankedCause::service).first().isEqualTo("orders");
    assertThat(d.logQuery()).contains("reported");
  }
}
